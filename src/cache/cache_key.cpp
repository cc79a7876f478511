// SPDX-License-Identifier: MIT
#include <rolehelper/cache/cache_key.hpp>
#include <rolehelper/crypto/digest.hpp>
#include <rolehelper/util/encoding.hpp>

#include "field_encoding.hpp"

namespace rolehelper::cache {

std::string cache_key(const CacheKeyInput& input) {
  std::string encoded = "rolehelper-cache-key-v1\n";
  const auto add = [&](std::string_view name, const std::string& value) {
    detail::append_field(encoded, name, value);
  };
  add("profile", input.profile);
  add("role_arn", input.role_arn);
  add("source", input.source_identity);
  add("external_id", input.external_id);
  add("role_session_name", input.role_session_name);
  add("duration_seconds", input.duration_seconds);
  add("mfa_serial", input.mfa_serial);
  add("policy", input.session_policy);
  add("tags", input.tags);
  add("sts_endpoint", input.sts_endpoint);
  return util::to_hex(crypto::sha256(encoded));
}

}  // namespace rolehelper::cache
