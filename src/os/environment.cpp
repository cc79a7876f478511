// SPDX-License-Identifier: MIT
#include <rolehelper/os/environment.hpp>

#include <cstring>

extern char** environ;  // NOLINT: POSIX

namespace rolehelper::os {

Environment Environment::from_process() {
  Environment env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view item(*entry);
    const auto equals = item.find('=');
    if (equals == std::string_view::npos) {
      continue;
    }
    env.m_variables.emplace(std::string(item.substr(0, equals)),
                            std::string(item.substr(equals + 1)));
  }
  return env;
}

std::optional<std::string> Environment::get(std::string_view name) const {
  const auto it = m_variables.find(name);
  if (it == m_variables.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<std::string> Environment::get_nonempty(std::string_view name) const {
  auto value = get(name);
  if (value && value->empty()) {
    return std::nullopt;
  }
  return value;
}

void Environment::unset(std::string_view name) {
  const auto it = m_variables.find(name);
  if (it != m_variables.end()) {
    m_variables.erase(it);
  }
}

}  // namespace rolehelper::os
