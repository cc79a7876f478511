// SPDX-License-Identifier: MIT
// StsClient: the STS Query API over an HttpClient: AssumeRole, AssumeRoleWithWebIdentity
// (unsigned), GetSessionToken and GetCallerIdentity, signed with SigV4, retried on throttling,
// 5xx, IDPCommunicationError and connection failures. An STS error throws Error(aws) whose
// one-line message holds the operation, the error code and message and the request id, with
// a hint for the next step; a transport failure throws Error(network) naming the endpoint.
#pragma once

#include <rolehelper/aws/credentials.hpp>
#include <rolehelper/net/http.hpp>
#include <rolehelper/net/retry.hpp>
#include <rolehelper/net/sts_response.hpp>
#include <rolehelper/util/secret.hpp>
#include <rolehelper/util/time.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rolehelper::net {

struct StsEndpoint {
  std::string url;             // e.g. https://sts.us-east-1.amazonaws.com
  std::string signing_region;  // e.g. us-east-1
};

struct AssumeRoleRequest {
  std::string role_arn;
  std::string role_session_name;
  std::optional<int> duration_seconds;
  std::optional<std::string> external_id;
  std::optional<std::string> serial_number;
  std::optional<util::Secret> token_code;
  std::optional<std::string> policy;
  std::vector<std::string> policy_arns;
  std::vector<std::pair<std::string, std::string>> tags;
  std::vector<std::string> transitive_tag_keys;
  std::optional<std::string> source_identity;
};

struct WebIdentityRequest {
  std::string role_arn;
  std::string role_session_name;
  util::Secret web_identity_token;
  std::optional<int> duration_seconds;
  std::optional<std::string> policy;
  std::vector<std::string> policy_arns;
};

struct SessionTokenRequest {
  std::optional<int> duration_seconds;
  std::optional<std::string> serial_number;
  std::optional<util::Secret> token_code;
};

using FormParams = std::vector<std::pair<std::string, std::string>>;

// The form body of a Query request: params in order, each name and value percent-encoded.
[[nodiscard]] std::string form_body(const FormParams& params);
[[nodiscard]] FormParams assume_role_params(const AssumeRoleRequest& request);

class StsClient {
 public:
  StsClient(HttpClient& http, StsEndpoint endpoint, HttpOptions options, const util::Clock& clock,
            RetryPolicy retry = {});

  [[nodiscard]] StsCredentials assume_role(const aws::Credentials& caller,
                                           const AssumeRoleRequest& request);
  [[nodiscard]] StsCredentials assume_role_with_web_identity(const WebIdentityRequest& request);
  [[nodiscard]] StsCredentials get_session_token(const aws::Credentials& caller,
                                                 const SessionTokenRequest& request);
  [[nodiscard]] CallerIdentity get_caller_identity(const aws::Credentials& caller);

  [[nodiscard]] const StsEndpoint& endpoint() const noexcept { return m_endpoint; }

 private:
  // The body of a 200 answer; throws for anything else.
  std::string call(std::string_view operation, const FormParams& params,
                   const aws::Credentials* caller, std::string_view subject);

  HttpClient& m_http;
  StsEndpoint m_endpoint;
  HttpOptions m_options;
  const util::Clock& m_clock;
  RetryPolicy m_retry;
};

}  // namespace rolehelper::net
