// SPDX-License-Identifier: MIT
#include <rolehelper/cache/freshness.hpp>

#include <algorithm>

namespace rolehelper::cache {

std::chrono::seconds refresh_margin(util::TimePoint obtained, util::TimePoint expiration) {
  const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(expiration - obtained);
  return std::clamp(lifetime / 2, std::chrono::seconds(0), k_max_refresh_margin);
}

bool is_fresh(util::TimePoint obtained, util::TimePoint expiration, util::TimePoint now) {
  return expiration - now > refresh_margin(obtained, expiration);
}

}  // namespace rolehelper::cache
