// SPDX-License-Identifier: MIT
// ProviderWorld: everything make_provider needs, faked: config and credentials files from text,
// an Environment map, an StsClient over a FakeHttpClient whose n-th answer is a valid AssumeRole
// body with the n-th made-up credentials (so a test can tell which call produced what), a
// ScriptedProcessRunner, a ScriptedPrompt, a fixed clock and a logger into a string.
#pragma once

#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/credentials/provider_factory.hpp>
#include <rolehelper/net/sts_client.hpp>
#include <rolehelper/util/encoding.hpp>
#include <rolehelper/util/log.hpp>
#include <rolehelper/util/strings.hpp>

#include <cstdio>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "support/fake_context.hpp"
#include "support/fake_http_client.hpp"
#include "support/fake_process_runner.hpp"

namespace rolehelper::test {

inline std::string numbered(std::string_view prefix, int n) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%04d", n);
  return std::string(prefix) + digits;
}

// The credentials of the n-th (1-based) AssumeRole answer.
inline std::string assumed_key_id(int n) {
  return numbered("ASIAQXAMPLECALL", n);
}
inline std::string assumed_secret(int n) {
  return numbered("rhTestSecret/AssumedCall+", n);
}
inline std::string assumed_token(int n) {
  return numbered("rhTestSessionToken//AssumedCall+", n);
}
inline constexpr std::string_view k_assumed_expiration = "2031-03-14T15:09:26Z";

inline std::string assume_role_body(int n) {
  return "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
         "<AssumeRoleResult><AssumedRoleUser>"
         "<AssumedRoleId>AROAQXAMPLEROLEID7777:s</AssumedRoleId>"
         "<Arn>arn:aws:sts::210987654321:assumed-role/deployer/s</Arn>"
         "</AssumedRoleUser><Credentials>"
         "<AccessKeyId>" +
         assumed_key_id(n) + "</AccessKeyId><SecretAccessKey>" + assumed_secret(n) +
         "</SecretAccessKey><SessionToken>" + assumed_token(n) + "</SessionToken><Expiration>" +
         std::string(k_assumed_expiration) +
         "</Expiration></Credentials></AssumeRoleResult>"
         "<ResponseMetadata><RequestId>" +
         numbered("0b7c1a52-3f0e-4d8b-9a61-5e2f3c4d", n) +
         "</RequestId></ResponseMetadata></AssumeRoleResponse>";
}

struct ProviderWorld {
  aws::ConfigFiles files;
  os::Environment env;
  FakeHttpClient http;
  FixedClock clock;
  std::shared_ptr<net::StsClient> sts;
  ScriptedProcessRunner runner;
  ScriptedPrompt prompt;
  std::ostringstream log_text;
  util::Logger log{log_text, util::LogLevel::debug};
  credentials::MfaSources mfa;

  explicit ProviderWorld(std::string config, std::string credentials = {}, int answers = 4)
      : files(aws::ConfigFile::from_text("config", aws::FileKind::config, std::move(config)),
              aws::ConfigFile::from_text("credentials", aws::FileKind::credentials,
                                         std::move(credentials))),
        sts(std::make_shared<net::StsClient>(
            http, net::StsEndpoint{"https://sts.eu-west-1.amazonaws.com", "eu-west-1"},
            net::HttpOptions{}, clock,
            net::RetryPolicy{1, {}, {}, [](std::chrono::milliseconds) {}})) {
    for (int n = 1; n <= answers; ++n) {
      http.respond(200, assume_role_body(n));
    }
    mfa.runner = &runner;
    mfa.env = &env;
  }

  [[nodiscard]] credentials::ProviderDependencies deps() {
    return credentials::ProviderDependencies{files, env, http, sts, runner, mfa, clock, log};
  }

  [[nodiscard]] aws::Credentials retrieve(std::string_view profile) {
    return credentials::make_provider(profile, deps())->retrieve();
  }

  // The form parameters of the i-th request sent, decoded.
  [[nodiscard]] std::map<std::string, std::string> params(std::size_t i) const {
    std::map<std::string, std::string> result;
    for (const auto& pair : util::split(http.requests.at(i).body, '&')) {
      const auto equals = pair.find('=');
      result[util::percent_decode(pair.substr(0, equals))] =
          equals == std::string::npos ? std::string{}
                                      : util::percent_decode(pair.substr(equals + 1));
    }
    return result;
  }

  // The Authorization header of the i-th request ("" when unsigned).
  [[nodiscard]] std::string authorization(std::size_t i) const {
    return http.requests.at(i).header("Authorization").value_or("");
  }
};

// True when the Authorization header was made with this access key id.
inline bool signed_with(std::string_view authorization, std::string_view key_id) {
  return authorization.find("Credential=" + std::string(key_id) + "/") != std::string_view::npos;
}

}  // namespace rolehelper::test
