// SPDX-License-Identifier: MIT
// The public SigV4 test suite (tests/data/sigv4, from awslabs/aws-c-auth): for every case,
// header and query signing must give its canonical request, string to sign and signature
// byte for byte.
#include <rolehelper/net/sigv4.hpp>
#include <rolehelper/util/json.hpp>
#include <rolehelper/util/strings.hpp>

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>

#include "support/temp_dir.hpp"

namespace rh = rolehelper;
namespace fs = std::filesystem;

namespace {

const fs::path k_suite = fs::path(ROLEHELPER_TEST_DATA_DIR) / "sigv4";

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(k_suite)) {
    if (entry.is_directory()) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Case {
  rh::net::HttpRequest request;
  rh::aws::Credentials credentials;
  rh::net::SigningScope scope;
  std::int64_t expires = 0;
};

std::string text_of(const rh::util::JsonValue& json, std::string_view key) {
  const auto* value = json.find(key);
  return value != nullptr && value->as_string() != nullptr ? *value->as_string() : std::string{};
}

bool flag_of(const rh::util::JsonValue& json, std::string_view key) {
  const auto* value = json.find(key);
  return value != nullptr && value->as_bool() != nullptr && *value->as_bool();
}

// request.txt: "METHOD TARGET HTTP/1.1", "Name:value" lines (an indented line continues the
// previous value), a blank line, then the body.
Case load_case(const std::string& name) {
  const auto dir = k_suite / name;
  Case c;
  const auto context = rh::util::parse_json(rh::test::read_file(dir / "context.json"));
  const auto* credentials = context.find("credentials");
  c.credentials.access_key_id = text_of(*credentials, "access_key_id");
  c.credentials.secret_access_key = rh::util::Secret(text_of(*credentials, "secret_access_key"));
  if (const auto token = text_of(*credentials, "token"); !token.empty()) {
    c.credentials.session_token = rh::util::Secret(token);
  }
  c.scope.region = text_of(context, "region");
  c.scope.service = text_of(context, "service");
  c.scope.time = *rh::util::parse_iso8601(text_of(context, "timestamp"));
  c.scope.normalize_path = flag_of(context, "normalize");
  c.scope.sign_body = flag_of(context, "sign_body");
  c.scope.omit_session_token = flag_of(context, "omit_session_token");
  c.expires = *context.find("expiration_in_seconds")->as_integer();

  const auto raw = rh::test::read_file(dir / "request.txt");
  const auto head_end = raw.find("\n\n");
  const std::string head = raw.substr(0, head_end);
  c.request.body = head_end == std::string::npos ? std::string{} : raw.substr(head_end + 2);
  std::size_t pos = 0;
  bool first = true;
  std::string host;
  while (pos <= head.size()) {
    const auto end = std::min(head.find('\n', pos), head.size());
    const std::string line = head.substr(pos, end - pos);
    pos = end + 1;
    if (first) {
      const auto space = line.find(' ');
      c.request.method = line.substr(0, space);
      c.request.url = line.substr(space + 1, line.rfind(' ') - space - 1);  // the target, for now
      first = false;
    } else if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      c.request.headers.back().value += "\n" + line;
    } else if (!line.empty()) {
      const auto colon = line.find(':');
      c.request.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
      if (rh::util::to_lower_ascii(line.substr(0, colon)) == "host") {
        host = line.substr(colon + 1);
      }
    }
  }
  c.request.url = "https://" + host + c.request.url;
  return c;
}

std::string expected(const std::string& name, const std::string& file) {
  return rh::test::read_file(k_suite / name / file);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(net)
BOOST_AUTO_TEST_SUITE(sigv4)

BOOST_AUTO_TEST_CASE(the_suite_is_present) {
  BOOST_TEST(case_names().size() >= 30U);
}

BOOST_DATA_TEST_CASE(header_signing_matches_the_suite, boost::unit_test::data::make(case_names()),
                     name) {
  auto c = load_case(name);
  const auto parts = rh::net::sign_with_header(c.request, c.credentials, c.scope);
  BOOST_TEST(parts.canonical_request == expected(name, "header-canonical-request.txt"));
  BOOST_TEST(parts.string_to_sign == expected(name, "header-string-to-sign.txt"));
  BOOST_TEST(parts.signature == expected(name, "header-signature.txt"));
}

BOOST_DATA_TEST_CASE(query_signing_matches_the_suite, boost::unit_test::data::make(case_names()),
                     name) {
  auto c = load_case(name);
  const auto parts =
      rh::net::sign_with_query(c.request, c.credentials, c.scope, std::chrono::seconds(c.expires));
  BOOST_TEST(parts.canonical_request == expected(name, "query-canonical-request.txt"));
  BOOST_TEST(parts.string_to_sign == expected(name, "query-string-to-sign.txt"));
  BOOST_TEST(parts.signature == expected(name, "query-signature.txt"));
}

BOOST_AUTO_TEST_CASE(sts_request_matches_botocore) {
  // aws-facts §5.3 F: computed with botocore's SigV4Auth for the same inputs.
  rh::net::HttpRequest request;
  request.method = "POST";
  request.url = "https://sts.us-east-1.amazonaws.com/";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body =
      "Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName="
      "rolehelper-test&"
      "Version=2011-06-15";
  rh::aws::Credentials credentials{
      "AKIDEXAMPLE", rh::util::Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), {}, {}, {}};
  rh::net::SigningScope scope{"us-east-1", "sts", *rh::util::parse_iso8601("2015-08-30T12:36:00Z")};
  auto unsigned_copy = request;
  BOOST_TEST(rh::net::sign_with_header(request, credentials, scope).signature ==
             "597463af70e39ac5977c1dda77c383768badfa49ca119374f19516d8d4ac0f71");
  credentials.session_token = rh::util::Secret("FQoGZXIvYXdzEXAMPLETOKEN");
  BOOST_TEST(rh::net::sign_with_header(unsigned_copy, credentials, scope).signature ==
             "51504aca723c3375e540730186edd131235dce73361a1bd4369e0d6eaf72f103");
  BOOST_TEST(*unsigned_copy.header("x-amz-security-token") == "FQoGZXIvYXdzEXAMPLETOKEN");
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
