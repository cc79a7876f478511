// SPDX-License-Identifier: MIT
// StsClient against a scripted HttpClient, a fixed clock and a retry policy that records its
// pauses: the exact Query requests, SigV4 signing (none for web identity), the errors and hints
// STS answers turn into, which failures are retried, and that the secret key never travels.
#include <rolehelper/net/sigv4.hpp>
#include <rolehelper/net/sts_client.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "support/expect_error.hpp"
#include "support/fake_http_client.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

namespace rh = rolehelper;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view k_endpoint = "https://sts.eu-west-1.amazonaws.com";
constexpr std::string_view k_region = "eu-west-1";
constexpr std::string_view k_caller_key_id = "AKIAQXAMPLECALLER01";
constexpr std::string_view k_caller_secret = "rhCallerSecret/DoNotLeak+0123456789abcdefXYZ";
constexpr std::string_view k_caller_token = "rhCallerSessionToken//FwoGZXIvYXdzEXAMPLEtoken==";
constexpr std::string_view k_role_arn = "arn:aws:iam::210987654321:role/deployer";

using rolehelper::test::FixedClock;

// 2026-05-04T03:02:01Z
rh::util::TimePoint fixed_time() {
  using namespace std::chrono;
  return sys_days(year(2026) / May / 4) + 3h + 2min + 1s;
}

std::string sample(std::string_view name) {
  const auto path = std::filesystem::path(ROLEHELPER_TEST_DATA_DIR) / "sts" / name;
  BOOST_REQUIRE_MESSAGE(std::filesystem::exists(path), "missing sample " << path);
  return rh::test::read_file(path);
}

std::string error_body(std::string_view code, std::string_view message,
                       std::string_view request_id) {
  return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
         "<Type>Sender</Type><Code>" +
         std::string(code) + "</Code><Message>" + std::string(message) +
         "</Message></Error><RequestId>" + std::string(request_id) + "</RequestId></ErrorResponse>";
}

rh::aws::Credentials long_term_caller() {
  rh::aws::Credentials caller;
  caller.access_key_id = std::string(k_caller_key_id);
  caller.secret_access_key = rh::util::Secret(std::string(k_caller_secret));
  return caller;
}

rh::aws::Credentials temporary_caller() {
  auto caller = long_term_caller();
  caller.access_key_id = "ASIAQXAMPLECALLER02";
  caller.session_token = rh::util::Secret(std::string(k_caller_token));
  caller.expiration = fixed_time() + 1h;
  return caller;
}

rh::net::AssumeRoleRequest minimal_request() {
  rh::net::AssumeRoleRequest request;
  request.role_arn = std::string(k_role_arn);
  request.role_session_name = "alice-session";
  return request;
}

// A client over the fake with a fixed clock; pauses are recorded, never slept.
struct Harness {
  rh::test::FakeHttpClient http;
  FixedClock clock{fixed_time()};
  std::vector<std::chrono::milliseconds> pauses;
  rh::net::HttpOptions options{1234ms, 5678ms, std::nullopt};
  rh::net::StsClient client;

  explicit Harness(std::string endpoint = std::string(k_endpoint),
                   std::string region = std::string(k_region),
                   rh::net::RetryPolicy retry = {3, 200ms, 5000ms, {}})
      : client(http, rh::net::StsEndpoint{std::move(endpoint), std::move(region)}, options, clock,
               with_recorder(std::move(retry))) {}

 private:
  rh::net::RetryPolicy with_recorder(rh::net::RetryPolicy retry) {
    retry.pause = [this](std::chrono::milliseconds pause) { pauses.push_back(pause); };
    return retry;
  }
};

bool is_kind(const rh::util::Error& error, rh::util::ErrorKind kind) {
  return error.kind() == kind;
}

using rolehelper::test::contains;
using rolehelper::test::error_of;

// Every pause is in [0, min(max_delay, base * 2^attempt)], attempt counted from 0.
void check_full_jitter(const std::vector<std::chrono::milliseconds>& pauses,
                       std::chrono::milliseconds base, std::chrono::milliseconds cap) {
  for (std::size_t attempt = 0; attempt < pauses.size(); ++attempt) {
    const auto bound = std::min<std::chrono::milliseconds>(cap, base * (1LL << attempt));
    BOOST_TEST_CONTEXT("pause " << attempt) {
      BOOST_TEST(pauses[attempt].count() >= 0);
      BOOST_TEST(pauses[attempt].count() <= bound.count());
    }
  }
}

// The secret must be nowhere in what was sent: not the URL, the body or any header.
void check_secret_not_sent(const rh::test::FakeHttpClient& http, std::string_view secret) {
  BOOST_REQUIRE(!http.requests.empty());
  for (const auto& request : http.requests) {
    BOOST_TEST(!contains(request.url, secret));
    BOOST_TEST(!contains(request.body, secret));
    for (const auto& header : request.headers) {
      BOOST_TEST_CONTEXT(header.name) {
        BOOST_TEST(!contains(header.name, secret));
        BOOST_TEST(!contains(header.value, secret));
      }
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(net)
BOOST_AUTO_TEST_SUITE(sts_client)

BOOST_AUTO_TEST_CASE(assume_role_posts_a_form_to_the_endpoint_root) {
  Harness h;
  h.http.respond(200, sample("assume_role_ok.xml"));
  (void)h.client.assume_role(long_term_caller(), minimal_request());
  BOOST_REQUIRE(h.http.requests.size() == 1U);
  const auto& request = h.http.requests[0];
  BOOST_TEST(request.method == "POST");
  BOOST_TEST(request.url == std::string(k_endpoint) + "/");
  BOOST_TEST(request.header("Content-Type").value_or("") ==
             "application/x-www-form-urlencoded; charset=utf-8");
  BOOST_TEST(request.body ==
             "Action=AssumeRole&Version=2011-06-15"
             "&RoleArn=arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fdeployer"
             "&RoleSessionName=alice-session");
  BOOST_REQUIRE(h.http.options_seen.size() == 1U);
  BOOST_TEST(h.http.options_seen[0].connect_timeout.count() == 1234);
  BOOST_TEST(h.http.options_seen[0].total_timeout.count() == 5678);
}

BOOST_AUTO_TEST_CASE(an_endpoint_with_a_port_or_a_path_is_posted_to_as_given) {
  {
    Harness h("http://127.0.0.1:4566", "us-east-1");
    h.http.respond(200, sample("assume_role_ok.xml"));
    (void)h.client.assume_role(long_term_caller(), minimal_request());
    BOOST_TEST(h.http.requests.at(0).url == "http://127.0.0.1:4566/");
  }
  {
    Harness h("http://localhost:5000/", "us-east-1");
    h.http.respond(200, sample("assume_role_ok.xml"));
    (void)h.client.assume_role(long_term_caller(), minimal_request());
    BOOST_TEST(h.http.requests.at(0).url == "http://localhost:5000/");
  }
  {
    Harness h("https://proxy.example.test/sts", "us-east-1");
    h.http.respond(200, sample("assume_role_ok.xml"));
    (void)h.client.assume_role(long_term_caller(), minimal_request());
    BOOST_TEST(h.http.requests.at(0).url == "https://proxy.example.test/sts");
  }
}

BOOST_AUTO_TEST_CASE(assume_role_sends_every_parameter_percent_encoded_in_order) {
  Harness h;
  h.http.respond(200, sample("assume_role_ok.xml"));
  auto request = minimal_request();
  request.role_session_name = "alice@example.com";
  request.duration_seconds = 3600;
  request.external_id = "ext-id/42:x";
  request.serial_number = "arn:aws:iam::123456789012:mfa/alice";
  request.token_code = rh::util::Secret("123456");
  request.policy =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})";
  request.policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess",
                         "arn:aws:iam::123456789012:policy/team boundary"};
  request.tags = {{"Project", "Unicorn"}, {"cost-center", "a+b=c"}};
  request.transitive_tag_keys = {"Project"};
  request.source_identity = "alice";
  (void)h.client.assume_role(long_term_caller(), request);

  BOOST_REQUIRE(h.http.requests.size() == 1U);
  BOOST_TEST(h.http.requests[0].body ==
             "Action=AssumeRole"
             "&Version=2011-06-15"
             "&RoleArn=arn%3Aaws%3Aiam%3A%3A210987654321%3Arole%2Fdeployer"
             "&RoleSessionName=alice%40example.com"
             "&DurationSeconds=3600"
             "&ExternalId=ext-id%2F42%3Ax"
             "&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Falice"
             "&TokenCode=123456"
             "&Policy=%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%"
             "3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22%2A%22%7D%"
             "5D%7D"
             "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"
             "&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fteam%20boundary"
             "&Tags.member.1.Key=Project"
             "&Tags.member.1.Value=Unicorn"
             "&Tags.member.2.Key=cost-center"
             "&Tags.member.2.Value=a%2Bb%3Dc"
             "&TransitiveTagKeys.member.1=Project"
             "&SourceIdentity=alice");
}

BOOST_AUTO_TEST_CASE(form_body_percent_encodes_names_and_values_with_the_sigv4_rule) {
  BOOST_TEST(rh::net::form_body({}) == "");
  BOOST_TEST(rh::net::form_body({{"A b", "c d/e~f_g-h.i"}, {"x", ""}, {"Ünï", "\xE2\x82\xAC&="}}) ==
             "A%20b=c%20d%2Fe~f_g-h.i&x=&%C3%9Cn%C3%AF=%E2%82%AC%26%3D");
}

BOOST_AUTO_TEST_CASE(assume_role_is_signed_with_the_caller_scope_and_the_fixed_clock) {
  Harness h;
  h.http.respond(200, sample("assume_role_ok.xml"));
  (void)h.client.assume_role(long_term_caller(), minimal_request());
  BOOST_REQUIRE(h.http.requests.size() == 1U);
  const auto& request = h.http.requests[0];
  const auto authorization = request.header("Authorization");
  BOOST_REQUIRE(authorization.has_value());
  BOOST_TEST(authorization->rfind("AWS4-HMAC-SHA256 ", 0) == 0U);
  BOOST_TEST(contains(*authorization,
                      "Credential=AKIAQXAMPLECALLER01/20260504/eu-west-1/sts/aws4_request"));
  BOOST_TEST(contains(*authorization, "SignedHeaders="));
  BOOST_TEST(contains(*authorization, "Signature="));
  BOOST_TEST(request.header("X-Amz-Date").value_or("") == "20260504T030201Z");
  BOOST_TEST(!request.header("X-Amz-Security-Token").has_value());
}

BOOST_AUTO_TEST_CASE(the_signature_covers_the_exact_bytes_sent) {
  Harness h;
  h.http.respond(200, sample("assume_role_ok.xml"));
  auto request = minimal_request();
  request.policy = R"({"Statement":[]})";
  request.tags = {{"k", "v w"}};
  (void)h.client.assume_role(temporary_caller(), request);
  BOOST_REQUIRE(h.http.requests.size() == 1U);
  const auto& sent = h.http.requests[0];

  // Re-sign what was sent, without its signing headers: the same Authorization must come out.
  rh::net::HttpRequest copy = sent;
  std::erase_if(copy.headers, [](const rh::net::Header& header) {
    std::string name = header.name;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name == "authorization" || name == "x-amz-date" || name == "x-amz-security-token" ||
           name == "host";
  });
  (void)rh::net::sign_with_header(copy, temporary_caller(),
                                  rh::net::SigningScope{"eu-west-1", "sts", fixed_time()});
  BOOST_TEST(copy.header("Authorization").value_or("re-sign") ==
             sent.header("Authorization").value_or("sent"));
}

BOOST_AUTO_TEST_CASE(a_caller_with_a_session_token_sends_it_as_x_amz_security_token) {
  Harness h;
  h.http.respond(200, sample("assume_role_ok.xml"));
  (void)h.client.assume_role(temporary_caller(), minimal_request());
  BOOST_REQUIRE(h.http.requests.size() == 1U);
  const auto& request = h.http.requests[0];
  BOOST_TEST(request.header("X-Amz-Security-Token").value_or("") == std::string(k_caller_token));
  BOOST_TEST(contains(request.header("Authorization").value_or(""),
                      "Credential=ASIAQXAMPLECALLER02/20260504/eu-west-1/sts/aws4_request"));
}

BOOST_AUTO_TEST_CASE(assume_role_returns_the_parsed_credentials) {
  Harness h;
  h.http.respond(200, sample("assume_role_ok.xml"));
  const auto result = h.client.assume_role(long_term_caller(), minimal_request());
  BOOST_TEST(result.credentials.access_key_id == "ASIAQXAMPLEASSUMED01");
  BOOST_TEST(result.credentials.secret_access_key.expose() ==
             "rhTestSecret/AssumeRole+OkBody0000000001");
  BOOST_TEST(result.credentials.account_id.value_or("") == "210987654321");
  BOOST_TEST(result.assumed_role_arn ==
             "arn:aws:sts::210987654321:assumed-role/deployer/deploy-session");
  BOOST_TEST(result.request_id == "0b7c1a52-3f0e-4d8b-9a61-5e2f3c4d5e01");
  BOOST_TEST(h.pauses.empty());
}

BOOST_AUTO_TEST_CASE(assume_role_with_web_identity_is_not_signed) {
  Harness h;
  h.http.respond(200, sample("web_identity_ok.xml"));
  rh::net::WebIdentityRequest request;
  request.role_arn = "arn:aws:iam::444455556666:role/ci-runner";
  request.role_session_name = "web-session-1";
  request.web_identity_token = rh::util::Secret("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln");
  request.duration_seconds = 900;
  const auto result = h.client.assume_role_with_web_identity(request);

  BOOST_REQUIRE(h.http.requests.size() == 1U);
  const auto& sent = h.http.requests[0];
  BOOST_TEST(sent.method == "POST");
  BOOST_TEST(sent.url == std::string(k_endpoint) + "/");
  BOOST_TEST(!sent.header("Authorization").has_value());
  BOOST_TEST(!sent.header("X-Amz-Security-Token").has_value());
  BOOST_TEST(sent.header("Content-Type").value_or("") ==
             "application/x-www-form-urlencoded; charset=utf-8");
  BOOST_TEST(sent.body ==
             "Action=AssumeRoleWithWebIdentity&Version=2011-06-15"
             "&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fci-runner"
             "&RoleSessionName=web-session-1"
             "&WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln"
             "&DurationSeconds=900");
  BOOST_TEST(result.credentials.access_key_id == "ASIAQXAMPLEWEBIDNT03");
  BOOST_TEST(result.credentials.account_id.value_or("") == "444455556666");
}

BOOST_AUTO_TEST_CASE(get_session_token_sends_its_parameters_and_parses_the_result) {
  Harness h;
  h.http.respond(200, sample("get_session_token_ok.xml"));
  rh::net::SessionTokenRequest request;
  request.duration_seconds = 43200;
  request.serial_number = "arn:aws:iam::123456789012:mfa/alice";
  request.token_code = rh::util::Secret("654321");
  const auto result = h.client.get_session_token(long_term_caller(), request);

  BOOST_REQUIRE(h.http.requests.size() == 1U);
  BOOST_TEST(h.http.requests[0].body ==
             "Action=GetSessionToken&Version=2011-06-15&DurationSeconds=43200"
             "&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Falice&TokenCode=654321");
  BOOST_TEST(h.http.requests[0].header("Authorization").has_value());
  BOOST_TEST(result.credentials.access_key_id == "ASIAQXAMPLESESSION04");
  BOOST_TEST(result.assumed_role_arn.empty());
}

BOOST_AUTO_TEST_CASE(get_caller_identity_is_signed_and_parses) {
  Harness h;
  h.http.respond(200, sample("get_caller_identity_ok.xml"));
  const auto identity = h.client.get_caller_identity(long_term_caller());
  BOOST_REQUIRE(h.http.requests.size() == 1U);
  BOOST_TEST(h.http.requests[0].body == "Action=GetCallerIdentity&Version=2011-06-15");
  BOOST_TEST(contains(h.http.requests[0].header("Authorization").value_or(""),
                      "Credential=AKIAQXAMPLECALLER01/20260504/eu-west-1/sts/aws4_request"));
  BOOST_TEST(identity.account == "123456789012");
  BOOST_TEST(identity.arn == "arn:aws:iam::123456789012:user/alice");
  BOOST_TEST(identity.user_id == "AIDAQXAMPLEUSERID005");
}

BOOST_AUTO_TEST_CASE(access_denied_on_assume_role_names_everything_and_points_at_the_trust_policy) {
  Harness h;
  h.http.respond(403, sample("error_access_denied.xml"));
  const auto error =
      error_of([&] { (void)h.client.assume_role(long_term_caller(), minimal_request()); });
  BOOST_TEST(is_kind(error, rh::util::ErrorKind::aws));
  const std::string what = error.what();
  BOOST_TEST(contains(what, "AssumeRole"));
  BOOST_TEST(contains(what, "AccessDenied"));
  BOOST_TEST(contains(what, "is not authorized to perform: sts:AssumeRole"));
  BOOST_TEST(contains(what, "ad000001-aaaa-4bbb-8ccc-dddddddddd06"));
  BOOST_TEST(contains(error.hint(), "trust policy"));
  BOOST_TEST(!contains(what, k_caller_secret));
  BOOST_TEST(!contains(error.hint(), k_caller_secret));
}

BOOST_AUTO_TEST_CASE(access_denied_is_not_retried) {
  Harness h;
  h.http.respond(403, sample("error_access_denied.xml")).respond(200, sample("assume_role_ok.xml"));
  (void)error_of([&] { (void)h.client.assume_role(long_term_caller(), minimal_request()); });
  BOOST_TEST(h.http.requests.size() == 1U);
  BOOST_TEST(h.pauses.empty());
}

BOOST_AUTO_TEST_CASE(signature_mismatch_and_invalid_key_id_hint_at_set_credentials) {
  for (const std::string code : {"SignatureDoesNotMatch", "InvalidClientTokenId"}) {
    BOOST_TEST_CONTEXT(code) {
      Harness h;
      h.http.respond(403, error_body(code, "The request signature we calculated does not match",
                                     "5e000001-0000-4000-8000-000000000001"));
      const auto error =
          error_of([&] { (void)h.client.assume_role(long_term_caller(), minimal_request()); });
      BOOST_TEST(is_kind(error, rh::util::ErrorKind::aws));
      BOOST_TEST(contains(error.what(), code));
      BOOST_TEST(contains(error.what(), "5e000001-0000-4000-8000-000000000001"));
      BOOST_TEST(contains(error.hint(), "set-credentials"));
      BOOST_TEST(h.http.requests.size() == 1U);
    }
  }
}

BOOST_AUTO_TEST_CASE(region_disabled_names_the_region_in_the_hint) {
  Harness h("https://sts.ap-east-1.amazonaws.com", "ap-east-1");
  h.http.respond(403, sample("error_region_disabled.xml"));
  const auto error = error_of([&] { (void)h.client.get_caller_identity(long_term_caller()); });
  BOOST_TEST(is_kind(error, rh::util::ErrorKind::aws));
  BOOST_TEST(contains(error.what(), "GetCallerIdentity"));
  BOOST_TEST(contains(error.what(), "RegionDisabledException"));
  BOOST_TEST(contains(error.what(), "4d000005-aaaa-4bbb-8ccc-dddddddddd10"));
  BOOST_TEST(contains(error.hint(), "ap-east-1"));
  BOOST_TEST(h.http.requests.size() == 1U);
}

BOOST_AUTO_TEST_CASE(an_expired_caller_token_is_not_retried_and_says_to_refresh) {
  Harness h;
  h.http.respond(403, sample("error_expired_token.xml"));
  const auto error =
      error_of([&] { (void)h.client.assume_role(temporary_caller(), minimal_request()); });
  BOOST_TEST(is_kind(error, rh::util::ErrorKind::aws));
  BOOST_TEST(contains(error.what(), "ExpiredToken"));
  BOOST_TEST(contains(error.what(), "e7000002-aaaa-4bbb-8ccc-dddddddddd07"));
  BOOST_TEST(!error.hint().empty());
  BOOST_TEST(h.http.requests.size() == 1U);
  BOOST_TEST(!contains(error.what(), k_caller_token));
}

BOOST_AUTO_TEST_CASE(throttling_is_retried_and_the_third_attempt_succeeds) {
  Harness h;
  h.http.respond(400, sample("error_throttling.xml"))
      .respond(400, sample("error_throttling.xml"))
      .respond(200, sample("assume_role_ok.xml"));
  const auto result = h.client.assume_role(long_term_caller(), minimal_request());
  BOOST_TEST(result.credentials.access_key_id == "ASIAQXAMPLEASSUMED01");
  BOOST_TEST(h.http.requests.size() == 3U);
  BOOST_TEST(h.pauses.size() == 2U);
  check_full_jitter(h.pauses, 200ms, 5000ms);
  for (const auto& request : h.http.requests) {  // each attempt is a whole signed request
    BOOST_TEST(request.header("Authorization").has_value());
    BOOST_TEST(request.body == h.http.requests[0].body);
  }
}

BOOST_AUTO_TEST_CASE(throttling_on_every_attempt_gives_up_after_three) {
  Harness h;
  for (int i = 0; i < 4; ++i) {
    h.http.respond(400, sample("error_throttling.xml"));
  }
  const auto error =
      error_of([&] { (void)h.client.assume_role(long_term_caller(), minimal_request()); });
  BOOST_TEST(is_kind(error, rh::util::ErrorKind::aws));
  BOOST_TEST(contains(error.what(), "Throttling"));
  BOOST_TEST(contains(error.what(), "Rate exceeded"));
  BOOST_TEST(contains(error.what(), "70000003-aaaa-4bbb-8ccc-dddddddddd08"));
  BOOST_TEST(h.http.requests.size() == 3U);
  BOOST_TEST(h.pauses.size() == 2U);
  BOOST_TEST(h.http.unused_answers() == 1U);
}

BOOST_AUTO_TEST_CASE(idp_communication_error_is_retried_for_web_identity) {
  Harness h;
  h.http.respond(400, sample("error_idp_communication.xml"))
      .respond(400, sample("error_idp_communication.xml"))
      .respond(200, sample("web_identity_ok.xml"));
  rh::net::WebIdentityRequest request;
  request.role_arn = "arn:aws:iam::444455556666:role/ci-runner";
  request.role_session_name = "web-session-1";
  request.web_identity_token = rh::util::Secret("token-value-0123");
  const auto result = h.client.assume_role_with_web_identity(request);
  BOOST_TEST(result.credentials.access_key_id == "ASIAQXAMPLEWEBIDNT03");
  BOOST_TEST(h.http.requests.size() == 3U);
  check_full_jitter(h.pauses, 200ms, 5000ms);
  for (const auto& sent : h.http.requests) {
    BOOST_TEST(!sent.header("Authorization").has_value());
  }
}

BOOST_AUTO_TEST_CASE(server_errors_are_retried_and_the_third_attempt_succeeds) {
  for (const long status : {500L, 503L}) {
    BOOST_TEST_CONTEXT("HTTP " << status) {
      Harness h;
      h.http.respond(status, "")
          .respond(status, sample("html_error_page.html"))
          .respond(200, sample("get_caller_identity_ok.xml"));
      const auto identity = h.client.get_caller_identity(long_term_caller());
      BOOST_TEST(identity.account == "123456789012");
      BOOST_TEST(h.http.requests.size() == 3U);
      BOOST_TEST(h.pauses.size() == 2U);
      check_full_jitter(h.pauses, 200ms, 5000ms);
    }
  }
}

BOOST_AUTO_TEST_CASE(http_429_is_retried_like_throttling) {
  Harness h;
  h.http.respond(429, "").respond(200, sample("get_caller_identity_ok.xml"));
  const auto identity = h.client.get_caller_identity(long_term_caller());
  BOOST_TEST(identity.account == "123456789012");
  BOOST_TEST(h.http.requests.size() == 2U);
  BOOST_TEST(h.pauses.size() == 1U);
  check_full_jitter(h.pauses, 200ms, 5000ms);
}

BOOST_AUTO_TEST_CASE(a_policy_of_one_attempt_never_retries) {
  Harness h(std::string(k_endpoint), std::string(k_region), {1, 200ms, 5000ms, {}});
  h.http.respond(503, "").respond(200, sample("get_caller_identity_ok.xml"));
  const auto error = error_of([&] { (void)h.client.get_caller_identity(long_term_caller()); });
  BOOST_TEST(is_kind(error, rh::util::ErrorKind::aws));
  BOOST_TEST(h.http.requests.size() == 1U);
  BOOST_TEST(h.pauses.empty());
}

BOOST_AUTO_TEST_CASE(a_server_error_on_every_attempt_names_the_status_and_endpoint) {
  Harness h;
  h.http.respond(503, sample("html_error_page.html"))
      .respond(503, sample("html_error_page.html"))
      .respond(503, sample("html_error_page.html"));
  const auto error =
      error_of([&] { (void)h.client.assume_role(long_term_caller(), minimal_request()); });
  BOOST_TEST(is_kind(error, rh::util::ErrorKind::aws));
  BOOST_TEST(contains(error.what(), "AssumeRole"));
  BOOST_TEST(contains(error.what(), "503"));
  BOOST_TEST(contains(error.what(), k_endpoint));
  BOOST_TEST(h.http.requests.size() == 3U);
}

BOOST_AUTO_TEST_CASE(a_network_failure_is_retried_and_the_third_attempt_succeeds) {
  Harness h;
  h.http.fail("Connection refused")
      .fail("Operation timed out")
      .respond(200, sample("assume_role_ok.xml"));
  const auto result = h.client.assume_role(long_term_caller(), minimal_request());
  BOOST_TEST(result.credentials.access_key_id == "ASIAQXAMPLEASSUMED01");
  BOOST_TEST(h.http.requests.size() == 3U);
  BOOST_TEST(h.pauses.size() == 2U);
  check_full_jitter(h.pauses, 200ms, 5000ms);
}

BOOST_AUTO_TEST_CASE(a_network_failure_on_every_attempt_rethrows_a_network_error) {
  Harness h;
  h.http.fail("Connection refused")
      .fail("Connection refused")
      .fail("Could not resolve host")
      .respond(200, sample("assume_role_ok.xml"));
  const auto error =
      error_of([&] { (void)h.client.assume_role(long_term_caller(), minimal_request()); });
  BOOST_TEST(is_kind(error, rh::util::ErrorKind::network));
  BOOST_TEST(contains(error.what(), k_endpoint));
  BOOST_TEST(h.http.requests.size() == 3U);
  BOOST_TEST(h.pauses.size() == 2U);
  BOOST_TEST(h.http.unused_answers() == 1U);
}

BOOST_AUTO_TEST_CASE(pauses_never_exceed_the_cap) {
  // base 200 ms, cap 300 ms: the bounds are 200 ms then 300 ms (not 400 ms).
  for (int run = 0; run < 20; ++run) {
    Harness h(std::string(k_endpoint), std::string(k_region), {3, 200ms, 300ms, {}});
    h.http.fail().fail().fail();
    (void)error_of([&] { (void)h.client.get_caller_identity(long_term_caller()); });
    BOOST_REQUIRE(h.pauses.size() == 2U);
    check_full_jitter(h.pauses, 200ms, 300ms);
  }
}

BOOST_AUTO_TEST_CASE(a_success_with_an_unreadable_body_is_a_parse_error) {
  Harness h;
  h.http.respond(200, sample("not_xml.txt"));
  const auto error =
      error_of([&] { (void)h.client.assume_role(long_term_caller(), minimal_request()); });
  BOOST_TEST(is_kind(error, rh::util::ErrorKind::parse));
  BOOST_TEST(h.http.requests.size() == 1U);
}

BOOST_AUTO_TEST_CASE(the_secret_access_key_is_never_sent) {
  Harness h;
  h.http.respond(200, sample("assume_role_ok.xml"))
      .respond(200, sample("get_session_token_ok.xml"))
      .respond(200, sample("get_caller_identity_ok.xml"))
      .fail()
      .respond(400, sample("error_throttling.xml"))
      .respond(200, sample("assume_role_ok.xml"));
  auto request = minimal_request();
  request.external_id = "ext";
  request.serial_number = "arn:aws:iam::123456789012:mfa/alice";
  request.token_code = rh::util::Secret("123456");
  (void)h.client.assume_role(temporary_caller(), request);
  (void)h.client.get_session_token(long_term_caller(), {});
  (void)h.client.get_caller_identity(long_term_caller());
  (void)h.client.assume_role(long_term_caller(), minimal_request());
  BOOST_TEST(h.http.requests.size() == 6U);
  check_secret_not_sent(h.http, k_caller_secret);
  // Nor any recognisable piece of it (e.g. after encoding).
  check_secret_not_sent(h.http, "rhCallerSecret");
  check_secret_not_sent(h.http, "DoNotLeak");
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
