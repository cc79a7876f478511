// SPDX-License-Identifier: MIT
// The JSON documents credentials arrive in: credential_process Version 1 output
// (AccessKeyId, SecretAccessKey, SessionToken, Expiration, AccountId) and the IMDS / ECS
// answer (AccessKeyId, SecretAccessKey, Token, Expiration). Throws Error(parse) naming
// `source` and the missing or wrong field, never quoting the document.
#pragma once

#include <rolehelper/aws/credentials.hpp>

#include <string_view>

namespace rolehelper::credentials {

[[nodiscard]] aws::Credentials parse_process_output(std::string_view json, std::string_view source);
[[nodiscard]] aws::Credentials parse_metadata_credentials(std::string_view json,
                                                          std::string_view source);

}  // namespace rolehelper::credentials
