// SPDX-License-Identifier: MIT
// Child processes. ProcessRunner runs a program without a shell (as botocore runs
// credential_process), capturing stdout and stderr, with a time limit; an interface because
// tests script the programs. exec_replace() turns this process into another (exec).
#pragma once

#include <rolehelper/os/environment.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace rolehelper::os {

struct ProcessResult {
  int exit_code = 0;  // 128 + signal number when killed by a signal
  std::string out;
  std::string err;
  bool timed_out = false;
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  // Throws Error(io) when the program cannot be started (not found, not executable).
  [[nodiscard]] virtual ProcessResult run(const std::vector<std::string>& argv,
                                          const Environment& env,
                                          std::chrono::milliseconds timeout) = 0;
};

class PosixProcessRunner final : public ProcessRunner {
 public:
  [[nodiscard]] ProcessResult run(const std::vector<std::string>& argv, const Environment& env,
                                  std::chrono::milliseconds timeout) override;
};

// Where `name` is found in env's PATH, as execvp would find it; "" when nowhere. A name with
// a slash is returned as it is.
[[nodiscard]] std::string find_program(const std::string& name, const Environment& env);

// The running binary (from /proc/self/exe); empty when that cannot be read.
[[nodiscard]] std::filesystem::path current_executable();

// Replaces this process with argv[0] (searched in PATH) and `env`. Returns only by throwing
// Error(io) when the program cannot be run.
[[noreturn]] void exec_replace(const std::vector<std::string>& argv, const Environment& env);

}  // namespace rolehelper::os
