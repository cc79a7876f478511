// SPDX-License-Identifier: MIT
// Environment: a snapshot of environment variables, taken once in main (from_process) or built
// from a map in tests. Layers above read settings only through it, so tests are hermetic.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::os {

class Environment {
 public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string, std::less<>> variables)
      : m_variables(std::move(variables)) {}

  [[nodiscard]] static Environment from_process();

  // The value if the variable is set; set-but-empty is a value (botocore treats it so).
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  // The value if set and not empty: for settings where an empty variable means "not given".
  [[nodiscard]] std::optional<std::string> get_nonempty(std::string_view name) const;

  void set(std::string name, std::string value) { m_variables[std::move(name)] = std::move(value); }
  void unset(std::string_view name);
  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& variables() const noexcept {
    return m_variables;
  }

 private:
  std::map<std::string, std::string, std::less<>> m_variables;
};

}  // namespace rolehelper::os
