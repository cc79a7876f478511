// SPDX-License-Identifier: MIT
#include <rolehelper/cli/command_table.hpp>
#include <rolehelper/cli/run_main.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/version.hpp>

#include <exception>
#include <ostream>

namespace rolehelper::cli {
using util::Error;
using util::ErrorKind;

namespace {

void print_overview(std::ostream& out) {
  out << "usage: rolehelper [--config-file PATH] [--credentials-file PATH] [-v] COMMAND "
         "[ARGS...]\n\n"
         "An AWS role-credential helper: manages role profiles in ~/.aws/config and serves their\n"
         "credentials to the AWS CLI and SDKs through credential_process.\n\ncommands:\n";
  for (const auto& spec : command_table()) {
    out << "  rolehelper " << spec.synopsis << "\n      " << spec.summary << "\n";
  }
  out << "\nRun 'rolehelper COMMAND --help' for a command's options, 'man rolehelper' for the "
         "manual.\n";
}

std::string one_line(const Error& error) {
  std::string line = error.what();
  if (!error.hint().empty()) {
    line += "; " + error.hint();
  }
  return line;
}

int dispatch(const std::vector<std::string>& args, app::Context& ctx) {
  // Global options may come before the command; the command's parser accepts them after it.
  std::size_t i = 0;
  std::vector<std::string> leading;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--version") {
      ctx.out << "rolehelper " << k_version << '\n';
      return 0;
    }
    if (arg == "-h" || arg == "--help") {
      print_overview(ctx.out);
      return 0;
    }
    if (arg == "--config-file" || arg == "--credentials-file") {
      if (i + 1 >= args.size()) {
        throw Error(ErrorKind::usage, arg + " needs a path", "see rolehelper --help");
      }
      leading.push_back(arg);
      leading.push_back(args[++i]);
    } else if (arg.starts_with("--config-file=") || arg.starts_with("--credentials-file=") ||
               arg == "-v" || arg == "--verbose") {
      leading.push_back(arg);
    } else if (arg.starts_with("-")) {
      const auto dashes = arg.find_first_not_of('-');
      const std::string name = dashes == std::string::npos ? std::string{} : arg.substr(dashes);
      throw Error(ErrorKind::usage,
                  looks_like_a_name(name) ? "unknown option --" + name + " before the command"
                                          : std::string("unknown option before the command"),
                  "see rolehelper --help");
    } else {
      break;
    }
  }
  if (i == args.size()) {
    throw Error(ErrorKind::usage, "no command given", "run rolehelper --help to see the commands");
  }
  const CommandSpec* spec = find_command(args[i]);
  if (spec == nullptr) {
    throw Error(ErrorKind::usage,
                looks_like_a_name(args[i]) ? "unknown command '" + args[i] + "'"
                                           : std::string("unknown command"),
                "see rolehelper --help");
  }
  std::vector<std::string> command_args(leading);
  command_args.insert(command_args.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                      args.end());
  const auto parsed = parse_command_args(spec->name, spec->synopsis, spec->summary, spec->options,
                                         command_args, ctx);
  if (parsed) {
    spec->run(*parsed, ctx);
  }
  return 0;
}

}  // namespace

int run_main(const std::vector<std::string>& args, app::Context& ctx) {
  try {
    return dispatch(args, ctx);
  } catch (const Error& error) {
    ctx.err << "rolehelper: " << one_line(error) << '\n';
    return util::exit_code_for(error.kind());
  } catch (const std::exception& error) {
    ctx.err << "rolehelper: internal error: " << error.what() << "; please report it\n";
    return 1;
  }
}

}  // namespace rolehelper::cli
