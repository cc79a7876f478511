// SPDX-License-Identifier: MIT
// cache list [--json]: the cached sessions (profile, role, expiry, time left, state), never a
// secret. cache clear [NAME]: removes every cached session, or those of profile NAME.
#pragma once

#include <rolehelper/app/context.hpp>

#include <optional>
#include <string>

namespace rolehelper::app {

struct CacheListInput {
  bool json = false;
};

struct CacheClearInput {
  std::optional<std::string> profile;  // none: everything
};

void run_cache_list(const CacheListInput& input, Context& ctx);
void run_cache_clear(const CacheClearInput& input, Context& ctx);

}  // namespace rolehelper::app
