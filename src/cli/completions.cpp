// SPDX-License-Identifier: MIT
#include <rolehelper/cli/arg_parser.hpp>
#include <rolehelper/cli/command_table.hpp>
#include <rolehelper/cli/completions.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace rolehelper::cli {

namespace {

// Commands whose first word is a profile name.
constexpr std::array<std::string_view, 6> k_takes_profile = {
    "get", "exec", "whoami", "show", "remove-profile", "add-profile"};
// Subcommands written as the first word.
std::string_view subcommands_of(std::string_view command) {
  if (command == "cache") {
    return "list clear";
  }
  if (command == "policy") {
    return "trust allow-assume";
  }
  return "";
}

bool takes_profile(std::string_view command) {
  return std::find(k_takes_profile.begin(), k_takes_profile.end(), command) !=
         k_takes_profile.end();
}

std::string command_names() {
  std::string names;
  for (const auto& spec : command_table()) {
    names += (names.empty() ? "" : " ") + std::string(spec.name);
  }
  return names;
}

std::string options_of(const CommandSpec& spec) {
  std::string words;
  for (const auto& option : spec.options) {
    words += "--" + std::string(option.name) + " ";
  }
  for (const auto& option : global_option_specs()) {
    words += "--" + std::string(option.name) + " ";
  }
  words.pop_back();
  return words;
}

// The options that take a value and have no completion of their own, as a case pattern.
std::string valued_options() {
  std::vector<std::string> names;
  for (const auto& spec : command_table()) {
    for (const auto& option : spec.options) {
      const std::string name = "--" + std::string(option.name);
      if (!option.value_name.empty() && name != "--source-profile" && name != "--format" &&
          name != "--credential-source" &&
          std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(name);
      }
    }
  }
  std::string pattern;
  for (const auto& name : names) {
    pattern += (pattern.empty() ? "" : "|") + name;
  }
  return pattern;
}

// Single quotes for shell words: the help texts hold no single quote, but be safe.
std::string single_quoted(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

}  // namespace

std::string bash_completion() {
  std::string script =
      "# bash completion for rolehelper; generated from its command table\n"
      "_rolehelper_profiles() {\n"
      "  rolehelper list 2>/dev/null | while read -r name _; do printf '%s\\n' \"$name\"; done\n"
      "}\n"
      "_rolehelper() {\n"
      "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command= i\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case ${COMP_WORDS[i]} in\n"
      "      --config-file|--credentials-file) ((i++)) ;;\n"
      "      -*) ;;\n"
      "      *) command=${COMP_WORDS[i]}; break ;;\n"
      "    esac\n"
      "  done\n"
      "  case $prev in\n"
      "    --config-file|--credentials-file) compopt -o filenames; mapfile -t COMPREPLY < "
      "<(compgen "
      "-f -- \"$cur\"); return ;;\n"
      "    --source-profile) mapfile -t COMPREPLY < <(compgen -W \"$(_rolehelper_profiles)\" -- "
      "\"$cur\"); "
      "return ;;\n"
      "    --format) mapfile -t COMPREPLY < <(compgen -W 'process env fish powershell cmd' -- "
      "\"$cur\"); "
      "return ;;\n"
      "    --credential-source) mapfile -t COMPREPLY < <(compgen -W 'Environment "
      "Ec2InstanceMetadata "
      "EcsContainer' -- \"$cur\"); return ;;\n"
      "    " +
      valued_options() +
      ") return ;;  # a value of the user's own\n"
      "  esac\n"
      "  if [[ -z $command ]]; then\n"
      "    mapfile -t COMPREPLY < <(compgen -W '" +
      command_names() +
      " --help --version --config-file --credentials-file --verbose' -- \"$cur\")\n"
      "    return\n"
      "  fi\n"
      "  if [[ $cur == -* ]]; then\n"
      "    case $command in\n";
  for (const auto& spec : command_table()) {
    script += "      " + std::string(spec.name) + ") mapfile -t COMPREPLY < <(compgen -W '" +
              options_of(spec) + "' -- \"$cur\") ;;\n";
  }
  script +=
      "    esac\n"
      "    return\n"
      "  fi\n"
      "  case $command in\n";
  for (const auto& spec : command_table()) {
    if (takes_profile(spec.name)) {
      script +=
          "    " + std::string(spec.name) +
          ") mapfile -t COMPREPLY < <(compgen -W \"$(_rolehelper_profiles)\" -- \"$cur\") ;;\n";
    } else if (!subcommands_of(spec.name).empty()) {
      script += "    " + std::string(spec.name) + ") mapfile -t COMPREPLY < <(compgen -W '" +
                std::string(subcommands_of(spec.name)) + "' -- \"$cur\") ;;\n";
    }
  }
  script +=
      "  esac\n"
      "}\n"
      "complete -F _rolehelper rolehelper\n";
  return script;
}

std::string zsh_completion() {
  std::string script =
      "#compdef rolehelper\n"
      "# zsh completion for rolehelper; generated from its command table\n"
      "_rolehelper_profiles() {\n"
      "  local -a profiles\n"
      "  profiles=(${(f)\"$(rolehelper list 2>/dev/null | cut -d' ' -f1)\"})\n"
      "  compadd -a profiles\n"
      "}\n"
      "_rolehelper() {\n"
      "  local -a commands\n"
      "  commands=(\n";
  for (const auto& spec : command_table()) {
    script +=
        "    " + single_quoted(std::string(spec.name) + ":" + std::string(spec.summary)) + "\n";
  }
  script +=
      "  )\n"
      "  if (( CURRENT == 2 )); then\n"
      "    _describe command commands\n"
      "    return\n"
      "  fi\n"
      "  local command=${words[2]}\n"
      "  if [[ ${words[CURRENT]} == -* ]]; then\n"
      "    case $command in\n";
  for (const auto& spec : command_table()) {
    script += "      " + std::string(spec.name) + ") compadd -- " + options_of(spec) + " ;;\n";
  }
  script +=
      "    esac\n"
      "    return\n"
      "  fi\n"
      "  case $command in\n";
  for (const auto& spec : command_table()) {
    if (takes_profile(spec.name)) {
      script += "    " + std::string(spec.name) + ") _rolehelper_profiles ;;\n";
    } else if (!subcommands_of(spec.name).empty()) {
      script += "    " + std::string(spec.name) + ") compadd -- " +
                std::string(subcommands_of(spec.name)) + " ;;\n";
    }
  }
  script +=
      "  esac\n"
      "}\n"
      "_rolehelper \"$@\"\n";
  return script;
}

std::string fish_completion() {
  std::string script =
      "# fish completion for rolehelper; generated from its command table\n"
      "function __rolehelper_profiles\n"
      "    rolehelper list 2>/dev/null | string replace -r ' .*' ''\n"
      "end\n"
      "complete -c rolehelper -f\n"
      "complete -c rolehelper -l version -d 'print the version'\n"
      "complete -c rolehelper -l config-file -r -F -d 'the config file to use'\n"
      "complete -c rolehelper -l credentials-file -r -F -d 'the credentials file to use'\n"
      "complete -c rolehelper -s v -l verbose -d 'log each step to stderr'\n";
  for (const auto& spec : command_table()) {
    const std::string name(spec.name);
    script += "complete -c rolehelper -n __fish_use_subcommand -a " + name + " -d " +
              single_quoted(spec.summary) + "\n";
    for (const auto& option : spec.options) {
      script += "complete -c rolehelper -n '__fish_seen_subcommand_from " + name + "' -l " +
                std::string(option.name) + (option.value_name.empty() ? "" : " -r") + " -d " +
                single_quoted(option.help) + "\n";
    }
    if (takes_profile(spec.name)) {
      script += "complete -c rolehelper -n '__fish_seen_subcommand_from " + name +
                "' -a '(__rolehelper_profiles)'\n";
    } else if (!subcommands_of(spec.name).empty()) {
      script += "complete -c rolehelper -n '__fish_seen_subcommand_from " + name + "' -a " +
                single_quoted(subcommands_of(spec.name)) + "\n";
    }
  }
  return script;
}

std::string completion_for(std::string_view shell) {
  if (shell == "bash") {
    return bash_completion();
  }
  if (shell == "zsh") {
    return zsh_completion();
  }
  if (shell == "fish") {
    return fish_completion();
  }
  return {};
}

}  // namespace rolehelper::cli
