// SPDX-License-Identifier: MIT
// The command table: one row per command, the single source of dispatch, --help, the
// overview, the man page check and the shell completions. A row declares the command's
// options; its run function turns the parsed arguments into the command's Input and runs it.
#pragma once

#include <rolehelper/app/context.hpp>
#include <rolehelper/cli/arg_parser.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace rolehelper::cli {

struct CommandSpec {
  std::string_view name;      // as typed: "add-profile"
  std::string_view synopsis;  // the usage line after "rolehelper "
  std::string_view summary;   // one line for the overview
  std::vector<OptionSpec> options;
  void (*run)(const ParsedArgs& args, app::Context& ctx);
};

[[nodiscard]] std::span<const CommandSpec> command_table();
[[nodiscard]] const CommandSpec* find_command(std::string_view name) noexcept;

}  // namespace rolehelper::cli
