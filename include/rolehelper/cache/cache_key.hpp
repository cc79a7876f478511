// SPDX-License-Identifier: MIT
// The name of a cache entry: SHA-256 of everything that changes the session a profile gets
// (the profile, the role, the source's identity, external id, session name, duration, MFA
// serial, session policy and tags, STS endpoint), encoded so no two inputs collide. Changing
// any of them in the config makes the old entry a miss.
#pragma once

#include <string>

namespace rolehelper::cache {

struct CacheKeyInput {
  std::string profile;
  std::string role_arn;
  std::string source_identity;  // the source's access key id, or the source entry's cache key
  std::string external_id;
  std::string role_session_name;
  std::string duration_seconds;
  std::string mfa_serial;
  std::string session_policy;
  std::string tags;
  std::string sts_endpoint;
};

// 64 lower-case hex characters; safe as a file name.
[[nodiscard]] std::string cache_key(const CacheKeyInput& input);

}  // namespace rolehelper::cache
