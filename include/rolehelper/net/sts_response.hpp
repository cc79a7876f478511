// SPDX-License-Identifier: MIT
// Reading STS Query-protocol answers (XML): the credentials of AssumeRole,
// AssumeRoleWithWebIdentity and GetSessionToken, GetCallerIdentity's identity, and
// ErrorResponse. Elements are found by name, in any order. Malformed XML or a missing field
// throws Error(parse) without quoting the body (it may hold a secret).
#pragma once

#include <rolehelper/aws/credentials.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::net {

struct StsCredentials {
  aws::Credentials credentials;
  std::string assumed_role_arn;  // empty for GetSessionToken
  std::string request_id;
};

struct CallerIdentity {
  std::string account;
  std::string arn;
  std::string user_id;
};

struct StsErrorDetails {
  std::string code;
  std::string message;
  std::string request_id;
};

// `operation` is e.g. "AssumeRole": the body must hold <AssumeRoleResult>.
[[nodiscard]] StsCredentials parse_credentials_result(std::string_view body,
                                                      std::string_view operation);
[[nodiscard]] CallerIdentity parse_caller_identity(std::string_view body);
// The error of an <ErrorResponse> body; std::nullopt when the body is not one.
[[nodiscard]] std::optional<StsErrorDetails> parse_error_response(std::string_view body);

}  // namespace rolehelper::net
