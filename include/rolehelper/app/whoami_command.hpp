// SPDX-License-Identifier: MIT
// whoami: asks STS GetCallerIdentity with the profile's credentials and prints the ARN, or
// Account, Arn and UserId as JSON.
#pragma once

#include <rolehelper/app/context.hpp>

#include <optional>
#include <string>

namespace rolehelper::app {

struct WhoamiInput {
  std::string name;
  bool json = false;
  std::optional<std::string> region;
  std::optional<std::string> mfa_token;
};

void run_whoami(const WhoamiInput& input, Context& ctx);

}  // namespace rolehelper::app
