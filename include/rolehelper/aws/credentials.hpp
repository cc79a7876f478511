// SPDX-License-Identifier: MIT
// Credentials: an access key id, its secret, and for temporary credentials a session token
// and an expiry. Secrets are util::Secret: they never print and are wiped when dropped.
#pragma once

#include <rolehelper/util/secret.hpp>
#include <rolehelper/util/time.hpp>

#include <optional>
#include <string>

namespace rolehelper::aws {

struct Credentials {
  std::string access_key_id;
  util::Secret secret_access_key;
  std::optional<util::Secret> session_token;
  std::optional<util::TimePoint> expiration;  // none: long-term keys
  std::optional<std::string> account_id;

  // True when the credentials are temporary and end within `margin` of `now`.
  [[nodiscard]] bool expires_within(util::TimePoint now,
                                    std::chrono::seconds margin) const noexcept {
    return expiration && *expiration - now <= margin;
  }
};

}  // namespace rolehelper::aws
