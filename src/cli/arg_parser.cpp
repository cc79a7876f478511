// SPDX-License-Identifier: MIT
#include <rolehelper/cli/arg_parser.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/log.hpp>

#include <cxxopts.hpp>

#include <algorithm>
#include <array>
#include <ostream>

namespace rolehelper::cli {
using util::Error;
using util::ErrorKind;

namespace {

constexpr std::array<OptionSpec, 4> k_global_options{{
    {"config-file", "PATH", "config file (default $AWS_CONFIG_FILE or ~/.aws/config)"},
    {"credentials-file", "PATH",
     "credentials file (default $AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials)"},
    {"verbose", "", "log each step to stderr, secrets redacted"},
    {"help", "", "show this help"},
}};

std::string help_hint(std::string_view command) {
  return "see rolehelper " + std::string(command) + " --help";
}

// The word cxxopts quotes (U+2018 ... U+2019) in its message, when it looks like an option
// name; anything else may be a secret typed in the wrong place and is not repeated.
std::string quoted_name(std::string_view message) {
  const std::string_view open = "\xe2\x80\x98";
  const std::string_view close = "\xe2\x80\x99";
  const auto begin = message.find(open);
  const auto end =
      begin == std::string_view::npos ? begin : message.find(close, begin + open.size());
  if (end == std::string_view::npos) {
    return {};
  }
  const auto name = message.substr(begin + open.size(), end - begin - open.size());
  return looks_like_a_name(name) ? std::string(name) : std::string{};
}

std::string describe(const cxxopts::exceptions::exception& error) {
  const auto name = quoted_name(error.what());
  const std::string option = name.empty() ? std::string("an option") : "--" + name;
  if (dynamic_cast<const cxxopts::exceptions::no_such_option*>(&error) != nullptr) {
    return name.empty() ? "unknown option" : "unknown option --" + name;
  }
  if (dynamic_cast<const cxxopts::exceptions::missing_argument*>(&error) != nullptr ||
      dynamic_cast<const cxxopts::exceptions::option_requires_argument*>(&error) != nullptr) {
    return option + " needs a value";
  }
  if (dynamic_cast<const cxxopts::exceptions::gratuitous_argument_for_option*>(&error) != nullptr) {
    return option + " takes no value";
  }
  return "invalid arguments";  // the message would quote a value
}

void write_option_help(std::ostream& out, std::string_view title,
                       std::span<const OptionSpec> options) {
  if (options.empty()) {
    return;
  }
  std::vector<std::string> names;
  std::size_t width = 0;
  for (const auto& spec : options) {
    std::string name = spec.name == "verbose" ? "-v, --verbose"
                       : spec.name == "help"  ? "-h, --help"
                                              : "--" + std::string(spec.name);
    if (!spec.value_name.empty()) {
      name += " " + std::string(spec.value_name);
    }
    width = std::max(width, name.size());
    names.push_back(std::move(name));
  }
  out << "\n" << title << ":\n";
  for (std::size_t i = 0; i < options.size(); ++i) {
    out << "  " << names[i] << std::string(width - names[i].size() + 2, ' ') << options[i].help
        << (options[i].repeatable ? " (repeatable)" : "") << "\n";
  }
}

void declare(cxxopts::Options& options, const std::string& group, const OptionSpec& spec) {
  std::string names(spec.name);
  if (spec.name == "verbose") {
    names = "v,verbose";
  } else if (spec.name == "help") {
    names = "h,help";
  }
  if (spec.value_name.empty()) {
    options.add_option(group, {names, std::string(spec.help)});
  } else if (spec.repeatable) {
    options.add_option(group,
                       {names, std::string(spec.help), cxxopts::value<std::vector<std::string>>(),
                        std::string(spec.value_name)});
  } else {
    options.add_option(group, {names, std::string(spec.help), cxxopts::value<std::string>(),
                               std::string(spec.value_name)});
  }
}

}  // namespace

ParsedArgs::ParsedArgs(std::string command,
                       std::map<std::string, std::vector<std::string>, std::less<>> values,
                       std::vector<std::string> positionals, std::vector<std::string> rest)
    : m_command(std::move(command)),
      m_values(std::move(values)),
      m_positionals(std::move(positionals)),
      m_rest(std::move(rest)) {}

std::optional<std::string> ParsedArgs::value(std::string_view option) const {
  const auto it = m_values.find(option);
  if (it == m_values.end() || it->second.empty()) {
    return std::nullopt;
  }
  return it->second.back();
}

std::vector<std::string> ParsedArgs::values(std::string_view option) const {
  const auto it = m_values.find(option);
  return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

bool ParsedArgs::flag(std::string_view option) const {
  return m_values.find(option) != m_values.end();
}

std::string ParsedArgs::required(std::string_view option) const {
  auto found = value(option);
  if (!found) {
    throw Error(ErrorKind::usage, m_command + ": --" + std::string(option) + " is required",
                help_hint(m_command));
  }
  return *found;
}

const std::vector<std::string>& ParsedArgs::positionals(std::size_t count,
                                                        std::string_view what) const {
  if (m_positionals.size() != count) {
    // The extra word is not echoed: it may be a secret typed in the wrong place.
    const std::string problem =
        m_positionals.size() < count
            ? ": missing " + std::string(what)
            : ": too many arguments (expected " + std::string(count == 0 ? "none" : what) + ")";
    throw Error(ErrorKind::usage, m_command + problem, help_hint(m_command));
  }
  return m_positionals;
}

const std::vector<std::string>& ParsedArgs::positionals(std::size_t min, std::size_t max,
                                                        std::string_view what) const {
  if (m_positionals.size() < min) {
    return positionals(min, what);
  }
  if (m_positionals.size() > max) {
    return positionals(max, what);
  }
  return m_positionals;
}

std::span<const OptionSpec> global_option_specs() {
  return k_global_options;
}

bool looks_like_a_name(std::string_view word) noexcept {
  return !word.empty() && word.size() <= 24 && word.front() >= 'a' && word.front() <= 'z' &&
         std::all_of(word.begin(), word.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

std::optional<ParsedArgs> parse_command_args(std::string_view command, std::string_view synopsis,
                                             std::string_view summary,
                                             std::span<const OptionSpec> options,
                                             const std::vector<std::string>& args,
                                             app::Context& ctx) {
  cxxopts::Options parser("rolehelper " + std::string(command), std::string(summary));
  for (const auto& spec : options) {
    declare(parser, "", spec);
  }
  for (const auto& spec : k_global_options) {
    declare(parser, "global", spec);
  }
  parser.add_options("hidden")("positional", "", cxxopts::value<std::vector<std::string>>());
  parser.parse_positional({"positional"});

  // Words after "--" are never options (exec's command line).
  std::vector<const char*> argv{"rolehelper"};
  std::vector<std::string> rest;
  bool in_rest = false;
  for (const auto& arg : args) {
    if (in_rest) {
      rest.push_back(arg);
    } else if (arg == "--") {
      in_rest = true;
    } else {
      argv.push_back(arg.c_str());
    }
  }
  cxxopts::ParseResult result;
  try {
    result = parser.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const cxxopts::exceptions::exception& e) {
    throw Error(ErrorKind::usage, std::string(command) + ": " + describe(e), help_hint(command));
  }
  if (result.count("help") > 0) {
    ctx.out << "usage: rolehelper " << synopsis << "\n\n" << summary << "\n";
    write_option_help(ctx.out, "options", options);
    write_option_help(ctx.out, "global options", k_global_options);
    return std::nullopt;
  }

  std::map<std::string, std::vector<std::string>, std::less<>> values;
  const auto collect = [&](const OptionSpec& spec) {
    const std::string name(spec.name);
    if (result.count(name) == 0) {
      return;
    }
    if (spec.value_name.empty()) {
      values[name];
    } else if (spec.repeatable) {
      values[name] = result[name].as<std::vector<std::string>>();
    } else {
      values[name].push_back(result[name].as<std::string>());
    }
  };
  for (const auto& spec : options) {
    collect(spec);
  }
  for (const auto& spec : k_global_options) {
    collect(spec);
  }
  if (auto it = values.find("config-file"); it != values.end()) {
    ctx.options.config_file = it->second.back();
  }
  if (auto it = values.find("credentials-file"); it != values.end()) {
    ctx.options.credentials_file = it->second.back();
  }
  if (values.count("verbose") > 0) {
    ctx.options.verbose = true;
    ctx.log.set_level(util::LogLevel::debug);
  }
  std::vector<std::string> positionals;
  if (result.count("positional") > 0) {
    positionals = result["positional"].as<std::vector<std::string>>();
  }
  return ParsedArgs(std::string(command), std::move(values), std::move(positionals),
                    std::move(rest));
}

}  // namespace rolehelper::cli
