// SPDX-License-Identifier: MIT
// The only ways to show anything of a credential: an access key id keeps its last four
// characters (as `aws configure list` does); secrets show nothing, not even their length.
#pragma once

#include <string>
#include <string_view>

namespace rolehelper::util {

inline constexpr std::string_view k_masked_secret = "****************";

[[nodiscard]] std::string redact_key_id(std::string_view key_id);

// True for setting names whose values are secrets in any AWS config or credentials file.
[[nodiscard]] bool is_secret_setting(std::string_view key) noexcept;

}  // namespace rolehelper::util
