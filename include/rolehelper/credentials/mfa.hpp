// SPDX-License-Identifier: MIT
// Where an MFA code comes from, in order: --mfa-token, the command in rolehelper_mfa_process
// (its stdout), a prompt on the terminal (/dev/tty, never stdin or stdout, which belong to
// the SDK that runs us). With none of them, Error(auth) says how to pass the code.
#pragma once

#include <rolehelper/os/environment.hpp>
#include <rolehelper/os/process.hpp>
#include <rolehelper/os/terminal.hpp>
#include <rolehelper/util/secret.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::credentials {

struct MfaSources {
  std::optional<std::string> token_flag;
  os::Prompt* prompt = nullptr;
  os::ProcessRunner* runner = nullptr;
  const os::Environment* env = nullptr;
};

[[nodiscard]] util::Secret mfa_code(std::string_view profile, std::string_view serial,
                                    const std::optional<std::string>& mfa_process,
                                    const MfaSources& sources);

}  // namespace rolehelper::credentials
