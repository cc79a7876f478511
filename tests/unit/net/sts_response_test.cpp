// SPDX-License-Identifier: MIT
// Reading STS answers (tests/data/sts): credentials, identity and ErrorResponse, elements in any
// order; a body that is not XML or lacks a field throws Error(parse) without quoting the body.
#include <rolehelper/net/sts_response.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace rh = rolehelper;

namespace {

std::string sample(std::string_view name) {
  const auto path = std::filesystem::path(ROLEHELPER_TEST_DATA_DIR) / "sts" / name;
  BOOST_REQUIRE_MESSAGE(std::filesystem::exists(path), "missing sample " << path);
  return rh::test::read_file(path);
}

rh::util::TimePoint utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
  using namespace std::chrono;
  return sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) + seconds(s);
}

std::string seconds_of(rh::util::TimePoint time) {
  return std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count());
}

// The parse error `body` gives as `operation`'s credentials result.
rh::util::Error credentials_error(const std::string& body, std::string_view operation) {
  try {
    (void)rh::net::parse_credentials_result(body, operation);
  } catch (const rh::util::Error& error) {
    return error;
  }
  BOOST_FAIL("parse_credentials_result accepted a bad body");
  return rh::util::Error(rh::util::ErrorKind::internal, "unreachable");
}

rh::util::Error caller_identity_error(const std::string& body) {
  try {
    (void)rh::net::parse_caller_identity(body);
  } catch (const rh::util::Error& error) {
    return error;
  }
  BOOST_FAIL("parse_caller_identity accepted a bad body");
  return rh::util::Error(rh::util::ErrorKind::internal, "unreachable");
}

bool mentions(const rh::util::Error& error, std::string_view text) {
  return std::string(error.what()).find(text) != std::string::npos ||
         error.hint().find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(net)
BOOST_AUTO_TEST_SUITE(sts_response)

BOOST_AUTO_TEST_CASE(assume_role_gives_every_credential_field_and_the_request_id) {
  const auto result = rh::net::parse_credentials_result(sample("assume_role_ok.xml"), "AssumeRole");
  const auto& credentials = result.credentials;
  BOOST_TEST(credentials.access_key_id == "ASIAQXAMPLEASSUMED01");
  BOOST_TEST(credentials.secret_access_key.expose() == "rhTestSecret/AssumeRole+OkBody0000000001");
  BOOST_REQUIRE(credentials.session_token.has_value());
  BOOST_TEST(credentials.session_token->expose() ==
             "rhTestSessionToken//AssumeRole+Ok+Body/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=");
  BOOST_TEST(result.assumed_role_arn ==
             "arn:aws:sts::210987654321:assumed-role/deployer/deploy-session");
  BOOST_TEST(result.request_id == "0b7c1a52-3f0e-4d8b-9a61-5e2f3c4d5e01");
}

BOOST_AUTO_TEST_CASE(an_expiration_with_fractional_seconds_is_read_to_the_second) {
  const auto result = rh::net::parse_credentials_result(sample("assume_role_ok.xml"), "AssumeRole");
  BOOST_REQUIRE(result.credentials.expiration.has_value());
  // 2031-03-14T15:09:26.535Z: the whole seconds must be exact; the fraction may be kept or dropped
  // (util/time.hpp drops it) but never moves the time by a second or more.
  const auto expected = utc(2031, 3, 14, 15, 9, 26);
  const auto expiration = *result.credentials.expiration;
  BOOST_TEST(seconds_of(std::chrono::floor<std::chrono::seconds>(expiration)) ==
             seconds_of(expected));
  BOOST_TEST((expiration >= expected && expiration < expected + std::chrono::seconds(1)));
}

BOOST_AUTO_TEST_CASE(account_id_is_the_account_of_the_assumed_role_arn) {
  const auto result = rh::net::parse_credentials_result(sample("assume_role_ok.xml"), "AssumeRole");
  BOOST_REQUIRE(result.credentials.account_id.has_value());
  BOOST_TEST(*result.credentials.account_id == "210987654321");
}

BOOST_AUTO_TEST_CASE(elements_are_found_by_name_in_any_order_and_without_a_fraction) {
  const auto result =
      rh::net::parse_credentials_result(sample("assume_role_ok_no_fraction.xml"), "AssumeRole");
  const auto& credentials = result.credentials;
  BOOST_TEST(credentials.access_key_id == "ASIAQXAMPLEREORDER02");
  BOOST_TEST(credentials.secret_access_key.expose() == "rhTestSecret/NoFraction+Reordered00000002");
  BOOST_REQUIRE(credentials.session_token.has_value());
  BOOST_TEST(credentials.session_token->expose() ==
             "rhTestSessionToken//NoFraction/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb==");
  BOOST_REQUIRE(credentials.expiration.has_value());
  BOOST_TEST(seconds_of(*credentials.expiration) == seconds_of(utc(2030, 12, 31, 23, 59, 59)));
  BOOST_TEST(result.assumed_role_arn ==
             "arn:aws-cn:sts::333344445555:assumed-role/reader/cn-session");
  BOOST_REQUIRE(credentials.account_id.has_value());
  BOOST_TEST(*credentials.account_id == "333344445555");
  BOOST_TEST(result.request_id == "7d1e0f2a-9b8c-4a3d-8e7f-60514233a2b2");
}

BOOST_AUTO_TEST_CASE(web_identity_gives_credentials_role_arn_and_account) {
  const auto result =
      rh::net::parse_credentials_result(sample("web_identity_ok.xml"), "AssumeRoleWithWebIdentity");
  const auto& credentials = result.credentials;
  BOOST_TEST(credentials.access_key_id == "ASIAQXAMPLEWEBIDNT03");
  BOOST_TEST(credentials.secret_access_key.expose() == "rhTestSecret/WebIdentity+OkBody000000003");
  BOOST_REQUIRE(credentials.session_token.has_value());
  BOOST_TEST(credentials.session_token->expose() ==
             "rhTestSessionToken//WebIdentity/cccccccccccccccccccccccccccccccccccccccc==");
  BOOST_REQUIRE(credentials.expiration.has_value());
  BOOST_TEST(seconds_of(std::chrono::floor<std::chrono::seconds>(*credentials.expiration)) ==
             seconds_of(utc(2031, 1, 2, 3, 4, 5)));
  BOOST_TEST(result.assumed_role_arn ==
             "arn:aws:sts::444455556666:assumed-role/ci-runner/web-session-1");
  BOOST_REQUIRE(credentials.account_id.has_value());
  BOOST_TEST(*credentials.account_id == "444455556666");
  BOOST_TEST(result.request_id == "c4f2e8a0-1111-4222-8333-944455566603");
}

BOOST_AUTO_TEST_CASE(get_session_token_has_no_role_arn_and_no_account) {
  const auto result =
      rh::net::parse_credentials_result(sample("get_session_token_ok.xml"), "GetSessionToken");
  const auto& credentials = result.credentials;
  BOOST_TEST(credentials.access_key_id == "ASIAQXAMPLESESSION04");
  BOOST_TEST(credentials.secret_access_key.expose() == "rhTestSecret/SessionToken+OkBody00000004");
  BOOST_REQUIRE(credentials.session_token.has_value());
  BOOST_TEST(credentials.session_token->expose() ==
             "rhTestSessionToken//SessionToken/dddddddddddddddddddddddddddddddddddddddd==");
  BOOST_REQUIRE(credentials.expiration.has_value());
  BOOST_TEST(seconds_of(*credentials.expiration) == seconds_of(utc(2031, 6, 7, 8, 9, 10)));
  BOOST_TEST(result.assumed_role_arn.empty());
  BOOST_TEST(!credentials.account_id.has_value());
  BOOST_TEST(result.request_id == "5a6b7c8d-0000-4111-8222-a3b4c5d6e704");
}

BOOST_AUTO_TEST_CASE(get_caller_identity_gives_account_arn_and_user_id) {
  const auto identity = rh::net::parse_caller_identity(sample("get_caller_identity_ok.xml"));
  BOOST_TEST(identity.account == "123456789012");
  BOOST_TEST(identity.arn == "arn:aws:iam::123456789012:user/alice");
  BOOST_TEST(identity.user_id == "AIDAQXAMPLEUSERID005");
}

BOOST_AUTO_TEST_CASE(error_responses_give_code_message_and_request_id) {
  struct Expected {
    const char* file;
    const char* code;
    const char* message;
    const char* request_id;
  };
  const Expected cases[] = {
      {"error_access_denied.xml", "AccessDenied",
       "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on "
       "resource: arn:aws:iam::210987654321:role/deployer",
       "ad000001-aaaa-4bbb-8ccc-dddddddddd06"},
      {"error_expired_token.xml", "ExpiredToken",
       "The security token included in the request is expired",
       "e7000002-aaaa-4bbb-8ccc-dddddddddd07"},
      {"error_throttling.xml", "Throttling", "Rate exceeded",
       "70000003-aaaa-4bbb-8ccc-dddddddddd08"},
      {"error_idp_communication.xml", "IDPCommunicationError",
       "Couldn't retrieve verification key from your identity provider",
       "1d000004-aaaa-4bbb-8ccc-dddddddddd09"},
      {"error_region_disabled.xml", "RegionDisabledException",
       "STS is not activated in this region for account:123456789012. Your account administrator "
       "can activate STS in this region using the IAM Console.",
       "4d000005-aaaa-4bbb-8ccc-dddddddddd10"},
  };
  for (const auto& expected : cases) {
    BOOST_TEST_CONTEXT(expected.file) {
      const auto error = rh::net::parse_error_response(sample(expected.file));
      BOOST_REQUIRE(error.has_value());
      BOOST_TEST(error->code == expected.code);
      BOOST_TEST(error->message == expected.message);
      BOOST_TEST(error->request_id == expected.request_id);
    }
  }
}

BOOST_AUTO_TEST_CASE(error_messages_have_their_xml_entities_decoded) {
  const auto error = rh::net::parse_error_response(
      "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>"
      "<Message>1 validation error detected: Value &apos;a b&apos; at &apos;roleSessionName&apos; "
      "failed to satisfy constraint: Member must satisfy regular expression pattern: "
      "[\\w+=,.@-]* &amp; &lt;ok&gt;</Message></Error>"
      "<RequestId>va000001</RequestId></ErrorResponse>");
  BOOST_REQUIRE(error.has_value());
  BOOST_TEST(error->code == "ValidationError");
  BOOST_TEST(error->message ==
             "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy "
             "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* & <ok>");
  BOOST_TEST(error->request_id == "va000001");
}

BOOST_AUTO_TEST_CASE(bodies_that_are_not_error_responses_give_no_error) {
  for (const char* file : {"assume_role_ok.xml", "get_caller_identity_ok.xml", "not_xml.txt",
                           "html_error_page.html"}) {
    BOOST_TEST_CONTEXT(file) {
      BOOST_TEST(!rh::net::parse_error_response(sample(file)).has_value());
    }
  }
  BOOST_TEST(!rh::net::parse_error_response("").has_value());
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_xml_throws_a_parse_error_without_quoting_it) {
  const auto body = sample("not_xml.txt");
  const auto error = credentials_error(body, "AssumeRole");
  BOOST_TEST(static_cast<int>(error.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
  BOOST_TEST(!mentions(error, "upstream connect error"));
  BOOST_TEST(!mentions(error, "reset reason"));

  const auto identity_error = caller_identity_error(body);
  BOOST_TEST(static_cast<int>(identity_error.kind()) ==
             static_cast<int>(rh::util::ErrorKind::parse));
  BOOST_TEST(!mentions(identity_error, "upstream connect error"));
}

BOOST_AUTO_TEST_CASE(an_html_error_page_throws_a_parse_error_without_quoting_it) {
  const auto body = sample("html_error_page.html");
  const auto error = credentials_error(body, "AssumeRole");
  BOOST_TEST(static_cast<int>(error.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
  BOOST_TEST(!mentions(error, "Bad Gateway"));
  BOOST_TEST(!mentions(error, "upstream server"));
}

BOOST_AUTO_TEST_CASE(a_missing_secret_access_key_throws_a_parse_error_naming_the_field_only) {
  const auto error = credentials_error(sample("assume_role_missing_secret.xml"), "AssumeRole");
  BOOST_TEST(static_cast<int>(error.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
  BOOST_TEST(mentions(error, "SecretAccessKey"));
  BOOST_TEST(!mentions(error, "rhTestSessionToken"));
  BOOST_TEST(!mentions(error, "leakcheck"));
  BOOST_TEST(!mentions(error, "ASIAQXAMPLEMISSING11"));
}

BOOST_AUTO_TEST_CASE(each_missing_credential_field_throws_a_parse_error_without_secrets) {
  const auto full = sample("assume_role_ok.xml");
  for (const std::string field : {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}) {
    BOOST_TEST_CONTEXT(field) {
      const auto open = full.find("<" + field + ">");
      const auto close = full.find("</" + field + ">");
      BOOST_REQUIRE(open != std::string::npos && close != std::string::npos);
      auto body = full;
      body.erase(open, close + field.size() + 3 - open);
      const auto error = credentials_error(body, "AssumeRole");
      BOOST_TEST(static_cast<int>(error.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
      BOOST_TEST(mentions(error, field));
      BOOST_TEST(!mentions(error, "rhTestSecret"));
      BOOST_TEST(!mentions(error, "rhTestSessionToken"));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_body_cut_inside_the_secret_throws_a_parse_error_without_it) {
  const auto full = sample("assume_role_ok.xml");
  const auto cut = full.find("OkBody0000000001");
  BOOST_REQUIRE(cut != std::string::npos);
  const auto error = credentials_error(full.substr(0, cut + 6), "AssumeRole");
  BOOST_TEST(static_cast<int>(error.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
  BOOST_TEST(!mentions(error, "rhTestSecret"));
  BOOST_TEST(!mentions(error, "OkBody"));
  BOOST_TEST(!mentions(error, "rhTestSessionToken"));
}

BOOST_AUTO_TEST_CASE(an_unreadable_expiration_throws_a_parse_error) {
  auto body = sample("get_session_token_ok.xml");
  const std::string good = "2031-06-07T08:09:10Z";
  const auto at = body.find(good);
  BOOST_REQUIRE(at != std::string::npos);
  for (const std::string bad : {"tomorrow", "2031-06-07T08:09:10"}) {  // no zone: refused
    BOOST_TEST_CONTEXT(bad) {
      auto broken = body;
      broken.replace(at, good.size(), bad);
      const auto error = credentials_error(broken, "GetSessionToken");
      BOOST_TEST(static_cast<int>(error.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
      BOOST_TEST(mentions(error, "Expiration"));
      BOOST_TEST(!mentions(error, "rhTestSecret"));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_result_of_another_operation_throws_a_parse_error) {
  const auto error = credentials_error(sample("get_session_token_ok.xml"), "AssumeRole");
  BOOST_TEST(static_cast<int>(error.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
  BOOST_TEST(mentions(error, "AssumeRoleResult"));
  BOOST_TEST(!mentions(error, "rhTestSecret"));
}

BOOST_AUTO_TEST_CASE(an_error_response_is_not_read_as_credentials) {
  const auto error = credentials_error(sample("error_access_denied.xml"), "AssumeRole");
  BOOST_TEST(static_cast<int>(error.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
}

BOOST_AUTO_TEST_CASE(a_caller_identity_without_account_throws_a_parse_error) {
  auto body = sample("get_caller_identity_ok.xml");
  const auto open = body.find("<Account>");
  const auto close = body.find("</Account>");
  BOOST_REQUIRE(open != std::string::npos && close != std::string::npos);
  body.erase(open, close + 10 - open);
  const auto error = caller_identity_error(body);
  BOOST_TEST(static_cast<int>(error.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
  BOOST_TEST(mentions(error, "Account"));

  const auto wrong = caller_identity_error(sample("assume_role_ok.xml"));
  BOOST_TEST(static_cast<int>(wrong.kind()) == static_cast<int>(rh::util::ErrorKind::parse));
  BOOST_TEST(!mentions(wrong, "rhTestSecret"));
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
