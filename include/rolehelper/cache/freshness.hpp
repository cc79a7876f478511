// SPDX-License-Identifier: MIT
// When a cached session is still worth serving. botocore runs credential_process again once
// fewer than 15 minutes remain (aws-facts §1.3), so a session is served only while more than
// its refresh margin remains: min(15 minutes, half its lifetime), the half for sessions too
// short to ever have 15 minutes spare.
#pragma once

#include <rolehelper/util/time.hpp>

#include <chrono>

namespace rolehelper::cache {

inline constexpr std::chrono::seconds k_max_refresh_margin = std::chrono::minutes(15);

[[nodiscard]] std::chrono::seconds refresh_margin(util::TimePoint obtained,
                                                  util::TimePoint expiration);

// More than the refresh margin remains at `now`.
[[nodiscard]] bool is_fresh(util::TimePoint obtained, util::TimePoint expiration,
                            util::TimePoint now);

}  // namespace rolehelper::cache
