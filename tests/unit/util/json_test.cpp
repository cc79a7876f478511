// SPDX-License-Identifier: MIT
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/json.hpp>
#include <rolehelper/util/time.hpp>

#include <boost/test/unit_test.hpp>

namespace rh = rolehelper;
using rh::util::JsonValue;

BOOST_AUTO_TEST_SUITE(util)
BOOST_AUTO_TEST_SUITE(json)

BOOST_AUTO_TEST_CASE(objects_keep_the_order_members_were_set_in) {
  JsonValue value = JsonValue::Object{};
  value.set("Version", 1).set("AccessKeyId", "ASIA").set("Flag", true).set("Nothing", nullptr);
  BOOST_TEST(rh::util::to_json(value) ==
             R"({"Version":1,"AccessKeyId":"ASIA","Flag":true,"Nothing":null})");
}

BOOST_AUTO_TEST_CASE(strings_are_escaped_and_read_back_unchanged) {
  const std::string nasty = "quote\" back\\slash\nnew\tline\x01\x7f caf\xc3\xa9 /+=";
  JsonValue value = JsonValue::Object{};
  value.set("k", nasty).set("list", JsonValue::Array{JsonValue("a"), JsonValue(2)});
  const auto text = rh::util::to_json(value);
  BOOST_TEST(text.find('\n') == std::string::npos);
  const auto back = rh::util::parse_json(text);
  BOOST_TEST(*back.find("k")->as_string() == nasty);
  BOOST_TEST(*back.find("list")->as_array()->at(1).as_integer() == 2);
}

BOOST_AUTO_TEST_CASE(a_parse_error_never_quotes_the_input) {
  try {
    (void)rh::util::parse_json(R"({"SecretAccessKey": "wJalrXUtnFEMI" oops})");
    BOOST_FAIL("expected an error");
  } catch (const rh::util::Error& error) {
    BOOST_TEST(std::string(error.what()).find("wJalr") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(pretty_json_indents_by_two_and_reads_back_the_same) {
  JsonValue value = JsonValue::Object{};
  value.set("Version", "2012-10-17")
      .set("Statement",
           JsonValue::Array{JsonValue(JsonValue::Object{{"Effect", JsonValue("Allow")}})})
      .set("Empty", JsonValue::Array{});
  const auto text = rh::util::to_json_pretty(value);
  BOOST_TEST(text ==
             "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": "
             "\"Allow\"\n    }\n  ],\n  \"Empty\": []\n}\n");
  BOOST_TEST(rh::util::to_json(rh::util::parse_json(text)) == rh::util::to_json(value));
}

BOOST_AUTO_TEST_CASE(http_dates_parse_and_bad_ones_do_not) {
  const auto date = rh::util::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT");
  BOOST_REQUIRE(date.has_value());
  BOOST_TEST(rh::util::format_rfc3339(*date) == "1994-11-06T08:49:37Z");
  for (const char* bad : {"Sun, 06 Nov 1994 08:49:37 UTC", "Sunday, 06-Nov-94 08:49:37 GMT",
                          "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Xyz 1994 08:49:37 GMT",
                          "Sun, 06 Nov 1994 25:49:37 GMT", ""}) {
    BOOST_TEST(!rh::util::parse_http_date(bad).has_value(), bad);
  }
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
