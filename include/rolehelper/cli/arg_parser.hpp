// SPDX-License-Identifier: MIT
// Parses one command's arguments against its declared options (the command table's rows)
// into ParsedArgs; applies the global options to the context on the way. Throws
// Error(usage) naming the bad flag.
#pragma once

#include <rolehelper/app/context.hpp>

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rolehelper::cli {

struct OptionSpec {
  std::string_view name;        // long name without dashes, e.g. "role-arn"
  std::string_view value_name;  // e.g. "ARN"; empty for a flag
  std::string_view help;
  bool repeatable = false;
};

class ParsedArgs {
 public:
  ParsedArgs(std::string command,
             std::map<std::string, std::vector<std::string>, std::less<>> values,
             std::vector<std::string> positionals, std::vector<std::string> rest);

  [[nodiscard]] std::optional<std::string> value(std::string_view option) const;
  [[nodiscard]] std::vector<std::string> values(std::string_view option) const;
  [[nodiscard]] bool flag(std::string_view option) const;
  [[nodiscard]] std::string required(std::string_view option) const;
  // Exactly `count` positional words; `what` names them in the error.
  [[nodiscard]] const std::vector<std::string>& positionals(std::size_t count,
                                                            std::string_view what) const;
  // Between `min` and `max` positional words.
  [[nodiscard]] const std::vector<std::string>& positionals(std::size_t min, std::size_t max,
                                                            std::string_view what) const;
  // The words after "--" (exec's command).
  [[nodiscard]] const std::vector<std::string>& rest() const noexcept { return m_rest; }

 private:
  std::string m_command;
  std::map<std::string, std::vector<std::string>, std::less<>> m_values;
  std::vector<std::string> m_positionals;
  std::vector<std::string> m_rest;
};

// True for words that may be repeated in an error: short, and shaped like an option or
// command name. Other words may be secrets typed in the wrong place.
[[nodiscard]] bool looks_like_a_name(std::string_view word) noexcept;

// Options every command accepts, before or after its name.
[[nodiscard]] std::span<const OptionSpec> global_option_specs();

// std::nullopt when --help was asked for; the help text is then on ctx.out.
[[nodiscard]] std::optional<ParsedArgs> parse_command_args(
    std::string_view command, std::string_view synopsis, std::string_view summary,
    std::span<const OptionSpec> options, const std::vector<std::string>& args, app::Context& ctx);

}  // namespace rolehelper::cli
