// SPDX-License-Identifier: MIT
// Shell completion scripts for bash, zsh and fish, written from the command table, so a new
// command or option completes as soon as it is in the table. Profile names complete from
// `rolehelper list` for the commands that take one.
#pragma once

#include <string>
#include <string_view>

namespace rolehelper::cli {

[[nodiscard]] std::string bash_completion();
[[nodiscard]] std::string zsh_completion();
[[nodiscard]] std::string fish_completion();

// "bash", "zsh" or "fish"; an empty string for any other name.
[[nodiscard]] std::string completion_for(std::string_view shell);

}  // namespace rolehelper::cli
