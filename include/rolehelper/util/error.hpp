// SPDX-License-Identifier: MIT
// Error: the one exception type that ends a command. It carries a kind (which decides the exit
// status) and an optional hint, the next step for the user. Messages never contain secrets.
#pragma once

#include <stdexcept>
#include <string>

namespace rolehelper::util {

enum class ErrorKind { usage, config, parse, io, network, aws, auth, cache, internal };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message, std::string hint = {});

  [[nodiscard]] ErrorKind kind() const noexcept { return m_kind; }
  [[nodiscard]] const std::string& hint() const noexcept { return m_hint; }

 private:
  ErrorKind m_kind;
  std::string m_hint;
};

// 2 for a usage error, 1 for every other failure (cli.md "Output, errors, exit status").
[[nodiscard]] int exit_code_for(ErrorKind kind) noexcept;

}  // namespace rolehelper::util
