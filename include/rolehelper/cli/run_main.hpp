// SPDX-License-Identifier: MIT
// run_main: argv to exit status. Reads the global options, dispatches through the command
// table, and is the one place that catches Error: it prints "rolehelper: <message>; <next
// step>" on one line to ctx.err and returns 2 for usage errors, 1 for the rest.
#pragma once

#include <rolehelper/app/context.hpp>

#include <string>
#include <vector>

namespace rolehelper::cli {

// `args` excludes the program name.
[[nodiscard]] int run_main(const std::vector<std::string>& args, app::Context& ctx);

}  // namespace rolehelper::cli
