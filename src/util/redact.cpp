// SPDX-License-Identifier: MIT
#include <rolehelper/util/redact.hpp>
#include <rolehelper/util/strings.hpp>

namespace rolehelper::util {

std::string redact_key_id(std::string_view key_id) {
  if (key_id.size() <= 8) {
    return std::string(k_masked_secret);
  }
  return std::string(k_masked_secret) + std::string(key_id.substr(key_id.size() - 4));
}

bool is_secret_setting(std::string_view key) noexcept {
  const auto lower = to_lower_ascii(key);
  // "token" only at the end: web_identity_token_file holds a path, aws_session_token a secret.
  return lower.find("secret") != std::string::npos || lower.find("password") != std::string::npos ||
         lower.ends_with("token");
}

}  // namespace rolehelper::util
