// SPDX-License-Identifier: MIT
// exec: runs a command with the profile's credentials in AWS_ACCESS_KEY_ID and friends, and
// without AWS_PROFILE (which would send the SDK back to the profile). The command replaces
// rolehelper, so its exit status and signals are the caller's to see.
#pragma once

#include <rolehelper/app/context.hpp>

#include <optional>
#include <string>
#include <vector>

namespace rolehelper::app {

struct ExecInput {
  std::string name;
  std::vector<std::string> command;
  std::optional<std::string> region;
  std::optional<std::string> mfa_token;
};

// Returns only by throwing.
[[noreturn]] void run_exec(const ExecInput& input, Context& ctx);

}  // namespace rolehelper::app
