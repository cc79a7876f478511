// SPDX-License-Identifier: MIT
// ProcessProvider: another program's credential_process. The line is split like a POSIX
// shell word list and run without a shell, as botocore does; its stdout must be Version 1
// JSON. A failing program's first stderr line goes into the error.
#pragma once

#include <rolehelper/credentials/provider.hpp>
#include <rolehelper/os/process.hpp>

#include <memory>

namespace rolehelper::credentials {

class ProcessProvider final : public Provider {
 public:
  // `env` is the program's whole environment.
  ProcessProvider(std::string profile, std::string command, os::ProcessRunner& runner,
                  std::shared_ptr<const os::Environment> env)
      : m_profile(std::move(profile)),
        m_command(std::move(command)),
        m_runner(runner),
        m_env(std::move(env)) {}
  [[nodiscard]] aws::Credentials retrieve() override;
  [[nodiscard]] std::string describe() const override;
  [[nodiscard]] std::string identity() const override { return "process:" + m_command; }

 private:
  std::string m_profile;
  std::string m_command;
  os::ProcessRunner& m_runner;
  std::shared_ptr<const os::Environment> m_env;
};

}  // namespace rolehelper::credentials
