// SPDX-License-Identifier: MIT
// set-credentials: stores long-term keys for a profile in the credentials file. The secret
// never comes from argv: it is read from stdin when stdin is not a terminal, else asked for
// on the terminal with echo off. Replaces any session token the section held.
#pragma once

#include <rolehelper/app/context.hpp>

#include <optional>
#include <string>

namespace rolehelper::app {

struct SetCredentialsInput {
  std::string name;
  std::optional<std::string> access_key_id;
};

void run_set_credentials(const SetCredentialsInput& input, Context& ctx);

}  // namespace rolehelper::app
