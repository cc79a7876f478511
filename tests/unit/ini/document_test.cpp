// SPDX-License-Identifier: MIT
#include <rolehelper/ini/document.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

using rolehelper::ini::Document;
using rolehelper::util::Error;

namespace {
std::size_t index_of(const Document& doc, const std::string& name) {
  const auto& sections = doc.sections();
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (sections[i].name == name) {
      return i;
    }
  }
  throw std::runtime_error("no section " + name);
}
std::string value_of(const Document& doc, const std::string& section, const std::string& key) {
  const auto* entry = doc.sections()[index_of(doc, section)].find(key);
  return entry == nullptr ? "<absent>" : entry->value;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(ini)
BOOST_AUTO_TEST_SUITE(document)

BOOST_AUTO_TEST_CASE(unedited_text_is_returned_byte_for_byte) {
  for (const std::string& text : std::vector<std::string>{
           "", "\n", "[a]\r\nk = v\r\n", "[a]\rk=v\r", "[a]\nk = v", "\xef\xbb\xbf[a]\n",
           "junk\n[dup]\n[dup]\n", std::string("[a]\nk = \0v\n", 11)}) {
    BOOST_TEST(Document::parse(text).text() == text);
  }
}

BOOST_AUTO_TEST_CASE(reads_values_as_configparser_does) {
  const auto doc = Document::parse(
      "[profile a]\n"
      "Region = us-west-2 # not a comment\n"
      "url: http://x:1/y\n"
      "s3 =\n"
      "  addressing_style = path\n"
      "\n"
      "  # a comment does not end the block\n"
      "  signature_version = s3v4\n"
      "empty =\n");
  BOOST_REQUIRE(!doc.error());
  BOOST_TEST(value_of(doc, "profile a", "region") == "us-west-2 # not a comment");
  BOOST_TEST(value_of(doc, "profile a", "url") == "http://x:1/y");
  BOOST_TEST(value_of(doc, "profile a", "s3") ==
             "\naddressing_style = path\n\nsignature_version = s3v4");
  BOOST_TEST(value_of(doc, "profile a", "empty") == "");
}

BOOST_AUTO_TEST_CASE(an_indented_header_after_a_key_is_a_continuation) {
  const auto doc = Document::parse("[a]\nk = v\n  [b]\n");
  BOOST_REQUIRE(!doc.error());
  BOOST_TEST(doc.sections().size() == 1U);
  BOOST_TEST(value_of(doc, "a", "k") == "v\n[b]");
}

BOOST_AUTO_TEST_CASE(header_name_runs_to_the_last_closing_bracket) {
  const auto doc = Document::parse("[profile a] ; note [x]\nk = v\n");
  BOOST_REQUIRE(!doc.error());
  BOOST_TEST(doc.sections()[0].name == "profile a] ; note [x");
}

BOOST_AUTO_TEST_CASE(refusals_name_the_line_botocore_would) {
  BOOST_TEST(Document::parse("[a]\n[a]\n").error()->line == 2U);
  BOOST_TEST(Document::parse("k = v\n").error()->line == 1U);
  BOOST_TEST(Document::parse("[a]\nk = 1\nK = 2\n").error()->line == 3U);
  // A bad line is reported at the end, so a later duplicate wins.
  BOOST_TEST(Document::parse("[a]\nnot a key\n[b]\n[b]\n").error()->line == 4U);
  BOOST_TEST(Document::parse("[a]\nnot a key\n").error()->line == 2U);
  BOOST_TEST(Document::parse("\xef\xbb\xbf[a]\n").error()->line == 1U);
  BOOST_TEST(Document::parse("[a]\nk = \xff\n").error()->line == 2U);
}

BOOST_AUTO_TEST_CASE(default_keys_are_offered_to_every_section) {
  const auto doc = Document::parse("[DEFAULT]\nregion = r\n[a]\nk = v\n[b]\nregion = own\n");
  BOOST_REQUIRE(!doc.error());
  const auto items_a = doc.items(doc.sections()[index_of(doc, "a")]);
  BOOST_REQUIRE(items_a.size() == 2U);
  BOOST_TEST(items_a[1]->key == "region");
  const auto items_b = doc.items(doc.sections()[index_of(doc, "b")]);
  BOOST_REQUIRE(items_b.size() == 1U);
  BOOST_TEST(items_b[0]->value == "own");
}

BOOST_AUTO_TEST_CASE(setting_an_existing_key_replaces_only_its_value) {
  auto doc = Document::parse("# top\n[a]\n  Region:old   \nk=v\r\n");
  doc.set_value(0, "region", "new");
  BOOST_TEST(doc.text() == "# top\n[a]\n  Region:new   \nk=v\r\n");
}

BOOST_AUTO_TEST_CASE(setting_an_empty_value_leaves_a_space_after_the_delimiter) {
  auto doc = Document::parse("[a]\nregion =\n");
  doc.set_value(0, "region", "r");
  BOOST_TEST(doc.text() == "[a]\nregion = r\n");
}

BOOST_AUTO_TEST_CASE(setting_a_multi_line_value_drops_its_continuations_but_keeps_comments) {
  auto doc = Document::parse("[a]\nk = one\n  two\n  # note\n  three\nnext = 1\n");
  doc.set_value(0, "k", "single");
  BOOST_TEST(doc.text() == "[a]\nk = single\n  # note\nnext = 1\n");
}

BOOST_AUTO_TEST_CASE(a_new_key_goes_after_the_last_key_with_its_indentation) {
  auto doc = Document::parse("[a]\n\tk = v\n\t  continued\n# about b\n\n[b]\nx = 1\n");
  doc.set_value(0, "new", "value");
  BOOST_TEST(doc.text() == "[a]\n\tk = v\n\t  continued\n\tnew = value\n# about b\n\n[b]\nx = 1\n");
}

BOOST_AUTO_TEST_CASE(new_lines_use_the_files_line_ending_and_keep_a_missing_final_newline) {
  auto crlf = Document::parse("[a]\r\nk = v\r\n");
  crlf.set_value(0, "n", "1");
  BOOST_TEST(crlf.text() == "[a]\r\nk = v\r\nn = 1\r\n");

  auto unterminated = Document::parse("[a]\nk = v");
  unterminated.set_value(0, "n", "1");
  BOOST_TEST(unterminated.text() == "[a]\nk = v\nn = 1");
}

BOOST_AUTO_TEST_CASE(appended_sections_are_separated_by_one_blank_line) {
  auto empty = Document::parse("");
  empty.append_section("profile x");
  BOOST_TEST(empty.text() == "[profile x]\n");

  auto plain = Document::parse("[a]\nk = v\n");
  plain.append_section("profile x");
  BOOST_TEST(plain.text() == "[a]\nk = v\n\n[profile x]\n");

  auto blank_end = Document::parse("[a]\nk = v\n\n");
  blank_end.append_section("profile x");
  BOOST_TEST(blank_end.text() == "[a]\nk = v\n\n\n[profile x]\n");

  auto unterminated = Document::parse("[a]\nk = v");
  const auto index = unterminated.append_section("profile x");
  unterminated.set_value(index, "k", "w");
  BOOST_TEST(unterminated.text() == "[a]\nk = v\n\n[profile x]\nk = w");
}

BOOST_AUTO_TEST_CASE(removing_a_key_keeps_comments_between_its_lines) {
  auto doc = Document::parse("[a]\nk = one\n  # keep\n  two\nz = 1\n");
  BOOST_TEST(doc.remove_key(0, "K"));
  BOOST_TEST(doc.text() == "[a]\n  # keep\nz = 1\n");
  BOOST_TEST(!doc.remove_key(0, "absent"));
}

BOOST_AUTO_TEST_CASE(removing_a_middle_section_keeps_the_comment_above_the_next_one) {
  auto doc = Document::parse("[a]\nk = 1\n\n[b]\n# inside b\nk = 2\n\n# about c\n[c]\nk = 3\n");
  doc.remove_section(1);
  BOOST_TEST(doc.text() == "[a]\nk = 1\n\n# about c\n[c]\nk = 3\n");
}

BOOST_AUTO_TEST_CASE(appending_then_removing_a_section_restores_the_original_bytes) {
  for (const std::string original :
       {"", "[a]\nk = v", "[a]\r\nk = v\r\n", "# c\n\n", "[a]\nk = v\n\n\n"}) {
    auto doc = Document::parse(original);
    const auto index = doc.append_section("profile x");
    doc.set_value(index, "region", "us-east-1");
    doc.remove_section(index);
    BOOST_TEST(doc.text() == original);
  }
}

BOOST_AUTO_TEST_CASE(an_insertion_that_would_change_later_lines_is_refused_and_undone) {
  // "  [b]" after a header with no keys is a header; after a new key it would be a continuation.
  const std::string original = "[a]\n  [b]\nk = 1\n";
  auto doc = Document::parse(original);
  BOOST_REQUIRE(!doc.error());
  BOOST_CHECK_THROW(doc.set_value(0, "new", "v"), Error);
  BOOST_TEST(doc.text() == original);
}

BOOST_AUTO_TEST_CASE(a_key_changed_twice_in_one_update_is_refused_and_nothing_changes) {
  const std::string original = "[a]\nk = xxxxxxx\n#abcd\n";
  auto doc = Document::parse(original);
  BOOST_CHECK_THROW(doc.update_section(0, {{"k", "1"}, {"K", "2"}}), Error);
  BOOST_CHECK_THROW(doc.update_section(0, {{"k", std::nullopt}, {"k", "2"}}), Error);
  BOOST_TEST(doc.text() == original);
}

BOOST_AUTO_TEST_CASE(values_that_would_not_read_back_are_refused) {
  auto doc = Document::parse("[a]\n");
  BOOST_CHECK_THROW(doc.set_value(0, "k", "two\nlines"), Error);
  BOOST_CHECK_THROW(doc.set_value(0, "k", " padded"), Error);
  BOOST_CHECK_THROW(doc.set_value(0, "k=x", "v"), Error);
  BOOST_CHECK_THROW(Document::parse("[a]\n[a]\n").set_value(0, "k", "v"), Error);
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
