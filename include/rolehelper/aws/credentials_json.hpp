// SPDX-License-Identifier: MIT
// Credentials as JSON members, the one shape shared by credential_process output, the IMDS
// and ECS answers and cache entries: AccessKeyId, SecretAccessKey, then SessionToken (or
// Token), Expiration (RFC 3339 UTC) and AccountId when present.
#pragma once

#include <rolehelper/aws/credentials.hpp>
#include <rolehelper/util/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::aws {

// Appends the members to `object`, which must be a JSON object.
void put_credentials(util::JsonValue& object, const Credentials& credentials);

// Reads them; `token_field` is "SessionToken" or "Token". Throws Error(parse) naming `source`
// and the missing or unreadable member, never quoting a value.
[[nodiscard]] Credentials read_credentials(const util::JsonValue& object,
                                           std::string_view token_field, std::string_view source);

// A non-empty string member, else std::nullopt.
[[nodiscard]] std::optional<std::string> string_member(const util::JsonValue& object,
                                                       std::string_view name);

}  // namespace rolehelper::aws
