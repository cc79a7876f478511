// SPDX-License-Identifier: MIT
// remove-profile: removes every section that defines the profile from the config file and
// the credentials file, leaving every other byte of both as it was.
#pragma once

#include <rolehelper/app/context.hpp>

#include <string>

namespace rolehelper::app {

struct RemoveProfileInput {
  std::string name;
};

void run_remove_profile(const RemoveProfileInput& input, Context& ctx);

}  // namespace rolehelper::app
