// SPDX-License-Identifier: MIT
// ScriptedProcessRunner: a ProcessRunner that answers from a script instead of starting
// programs, and records every call (argv, environment, time limit). A result is scripted for
// an exact argv or for any argv with a given program (argv[0]); the exact argv wins. A program
// with no script throws Error(io), as the real runner does for a program it cannot start.
#pragma once

#include <rolehelper/os/process.hpp>
#include <rolehelper/util/error.hpp>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rolehelper::test {

class ScriptedProcessRunner final : public os::ProcessRunner {
 public:
  struct Call {
    std::vector<std::string> argv;
    os::Environment env;
    std::chrono::milliseconds timeout{0};
  };

  // The result of running exactly this argv.
  ScriptedProcessRunner& on(std::vector<std::string> argv, os::ProcessResult result) {
    m_by_argv[std::move(argv)] = std::move(result);
    return *this;
  }
  // The result of running this program (argv[0]) with any arguments.
  ScriptedProcessRunner& on_program(std::string program, os::ProcessResult result) {
    m_by_program[std::move(program)] = std::move(result);
    return *this;
  }

  [[nodiscard]] os::ProcessResult run(const std::vector<std::string>& argv,
                                      const os::Environment& env,
                                      std::chrono::milliseconds timeout) override {
    calls.push_back(Call{argv, env, timeout});
    if (auto it = m_by_argv.find(argv); it != m_by_argv.end()) {
      return it->second;
    }
    if (!argv.empty()) {
      if (auto it = m_by_program.find(argv.front()); it != m_by_program.end()) {
        return it->second;
      }
    }
    throw util::Error(util::ErrorKind::io,
                      "cannot run " + (argv.empty() ? std::string("(nothing)") : argv.front()) +
                          ": no such program in this test");
  }

  std::vector<Call> calls;

 private:
  std::map<std::vector<std::string>, os::ProcessResult> m_by_argv;
  std::map<std::string, os::ProcessResult> m_by_program;
};

// A program that exits 0 and prints `out`.
inline os::ProcessResult prints(std::string out) {
  return os::ProcessResult{0, std::move(out), {}, false};
}

// A program that exits with `status`, printing `err` on stderr.
inline os::ProcessResult fails(int status, std::string err) {
  return os::ProcessResult{status, {}, std::move(err), false};
}

}  // namespace rolehelper::test
