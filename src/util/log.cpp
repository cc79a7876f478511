// SPDX-License-Identifier: MIT
#include <rolehelper/util/log.hpp>

namespace rolehelper::util {

void Logger::write(std::string_view prefix, std::string_view message) const {
  *m_sink << "rolehelper: " << prefix << message << '\n';
  m_sink->flush();
}

void Logger::warning(std::string_view message) const {
  if (m_level != LogLevel::quiet) {
    write("warning: ", message);
  }
}

void Logger::info(std::string_view message) const {
  if (m_level != LogLevel::quiet) {
    write("", message);
  }
}

void Logger::debug(std::string_view message) const {
  if (m_level == LogLevel::debug) {
    write("debug: ", message);
  }
}

}  // namespace rolehelper::util
