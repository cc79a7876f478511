// SPDX-License-Identifier: MIT
#include <rolehelper/ini/python_text.hpp>

#include <boost/test/unit_test.hpp>

using namespace rolehelper::ini;

BOOST_AUTO_TEST_SUITE(ini)
BOOST_AUTO_TEST_SUITE(python_text)

BOOST_AUTO_TEST_CASE(strip_removes_unicode_whitespace_as_python_does) {
  // U+00A0 no-break space, U+3000 ideographic space, U+001F unit separator.
  BOOST_TEST(python_strip("\xc2\xa0 value\xe3\x80\x80\x1f") == "value");
  // U+200B zero width space and U+FEFF are not whitespace to Python.
  BOOST_TEST(python_strip("\xe2\x80\x8bvalue") == "\xe2\x80\x8bvalue");
  BOOST_TEST(python_strip("\xef\xbb\xbfvalue") == "\xef\xbb\xbfvalue");
}

BOOST_AUTO_TEST_CASE(indent_counts_characters_not_bytes) {
  BOOST_TEST(python_indent("\xe3\x80\x80 x") == 2U);
  BOOST_TEST(python_indent("\t\tx") == 2U);
  BOOST_TEST(python_indent("x") == 0U);
}

BOOST_AUTO_TEST_CASE(utf8_validation_rejects_what_python_rejects) {
  BOOST_TEST(!first_invalid_utf8("plain \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80").has_value());
  BOOST_TEST(*first_invalid_utf8("ab\xff") == 2U);
  BOOST_TEST(*first_invalid_utf8("a\xed\xa0\x80") == 1U);      // a surrogate
  BOOST_TEST(*first_invalid_utf8("a\xc0\xaf") == 1U);          // overlong '/'
  BOOST_TEST(*first_invalid_utf8("a\xf4\x90\x80\x80") == 1U);  // above U+10FFFF
  BOOST_TEST(*first_invalid_utf8("a\xe2\x82") == 1U);          // truncated
}

BOOST_AUTO_TEST_CASE(splitlines_breaks_on_every_python_line_boundary) {
  const auto lines = python_splitlines(
      "a\nb\r\nc\rd\x0b"
      "e\xc2\x85"
      "f\xe2\x80\xa8g");
  BOOST_TEST(lines.size() == 7U);
  BOOST_TEST(lines[6] == "g");
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
