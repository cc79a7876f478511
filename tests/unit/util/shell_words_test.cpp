// SPDX-License-Identifier: MIT
#include <rolehelper/util/shell_words.hpp>

#include <boost/test/unit_test.hpp>

using rolehelper::util::quote_shell_word;
using rolehelper::util::split_shell_words;
using Words = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(util)
BOOST_AUTO_TEST_SUITE(shell_words)

BOOST_AUTO_TEST_CASE(splits_on_runs_of_whitespace) {
  BOOST_TEST(*split_shell_words("  profile \t x  ") == (Words{"profile", "x"}));
}

BOOST_AUTO_TEST_CASE(quotes_join_and_keep_spaces) {
  BOOST_TEST(*split_shell_words("profile \"my prof\"") == (Words{"profile", "my prof"}));
  BOOST_TEST(*split_shell_words("profile 'a b'c") == (Words{"profile", "a bc"}));
  BOOST_TEST(*split_shell_words("profile ''") == (Words{"profile", ""}));
}

BOOST_AUTO_TEST_CASE(backslash_escapes_outside_and_inside_double_quotes) {
  BOOST_TEST(*split_shell_words(R"(a\ b)") == (Words{"a b"}));
  BOOST_TEST(*split_shell_words(R"("a\"b\\c\d")") == (Words{R"(a"b\c\d)"}));
  BOOST_TEST(*split_shell_words(R"('a\b')") == (Words{R"(a\b)"}));
}

BOOST_AUTO_TEST_CASE(unclosed_quote_or_trailing_backslash_is_refused_as_shlex_does) {
  BOOST_TEST(!split_shell_words("profile \"x").has_value());
  BOOST_TEST(!split_shell_words("profile 'x").has_value());
  BOOST_TEST(!split_shell_words("profile x\\").has_value());
}

BOOST_AUTO_TEST_CASE(quote_round_trips_through_split) {
  for (const std::string word : {"plain", "with space", "it's", "", "$HOME", "a\"b"}) {
    const auto words = split_shell_words("x " + quote_shell_word(word));
    BOOST_REQUIRE(words.has_value());
    BOOST_TEST(*words == (Words{"x", word}));
  }
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
