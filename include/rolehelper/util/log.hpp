// SPDX-License-Identifier: MIT
// Logger: the one-line "rolehelper: " messages on stderr. Warnings are always shown except
// where the caller silences them (get must write nothing on success); debug lines only with
// -v or ROLEHELPER_LOG=debug. Callers pass redacted text: the logger cannot tell a secret.
#pragma once

#include <ostream>
#include <string_view>

namespace rolehelper::util {

enum class LogLevel { quiet, warning, debug };

class Logger {
 public:
  Logger(std::ostream& sink, LogLevel level) noexcept : m_sink(&sink), m_level(level) {}

  void warning(std::string_view message) const;
  void debug(std::string_view message) const;
  // A message the user asked for (a confirmation); shown unless quiet.
  void info(std::string_view message) const;

  [[nodiscard]] LogLevel level() const noexcept { return m_level; }
  void set_level(LogLevel level) noexcept { m_level = level; }

 private:
  void write(std::string_view prefix, std::string_view message) const;

  std::ostream* m_sink;
  LogLevel m_level;
};

}  // namespace rolehelper::util
