// SPDX-License-Identifier: MIT
#include <rolehelper/credentials/mfa.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/shell_words.hpp>
#include <rolehelper/util/strings.hpp>

#include <algorithm>

namespace rolehelper::credentials {
using util::Error;
using util::ErrorKind;

namespace {
util::Secret checked(std::string code, std::string_view where) {
  const auto trimmed = std::string(util::trim_ascii(code));
  util::wipe(code);
  if (trimmed.size() != 6 ||
      !std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    throw Error(ErrorKind::auth, "the MFA code from " + std::string(where) + " is not 6 digits",
                "give the current 6-digit code of the MFA device");
  }
  return util::Secret(trimmed);
}
}  // namespace

util::Secret mfa_code(std::string_view profile, std::string_view serial,
                      const std::optional<std::string>& mfa_process, const MfaSources& sources) {
  if (sources.token_flag) {
    return checked(*sources.token_flag, "--mfa-token");
  }
  if (mfa_process && sources.runner != nullptr && sources.env != nullptr) {
    const auto words = util::split_shell_words(*mfa_process);
    if (!words || words->empty()) {
      throw Error(
          ErrorKind::config,
          "profile '" + std::string(profile) + "': rolehelper_mfa_process is empty or badly quoted",
          "fix the rolehelper_mfa_process line");
    }
    auto result = sources.runner->run(*words, *sources.env, std::chrono::minutes(2));
    if (result.exit_code != 0 || result.timed_out) {
      throw Error(ErrorKind::auth, "rolehelper_mfa_process '" + (*words)[0] + "' failed",
                  "run it by hand to see why");
    }
    return checked(std::move(result.out), "rolehelper_mfa_process");
  }
  if (sources.prompt != nullptr) {
    if (auto code =
            sources.prompt->ask_secret("Enter MFA code for " + std::string(serial) + ": ")) {
      return checked(std::string(code->expose()), "the terminal");
    }
  }
  throw Error(
      ErrorKind::auth,
      "profile '" + std::string(profile) + "' needs an MFA code and there is no terminal to ask on",
      "pass --mfa-token CODE, or set rolehelper_mfa_process to a command that prints the code");
}

}  // namespace rolehelper::credentials
