// SPDX-License-Identifier: MIT
// Small ASCII string helpers. Nothing here knows about Python's Unicode rules: the INI layer
// has its own (ini/python_text.hpp) because botocore's reading depends on them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rolehelper::util {

[[nodiscard]] std::string_view trim_ascii(std::string_view text) noexcept;
[[nodiscard]] std::string to_lower_ascii(std::string_view text);
[[nodiscard]] std::vector<std::string> split(std::string_view text, char separator);
[[nodiscard]] std::string join(const std::vector<std::string>& parts, std::string_view separator);
[[nodiscard]] bool iequals_ascii(std::string_view a, std::string_view b) noexcept;

// A file mode as the four octal digits chmod takes, e.g. "0600".
[[nodiscard]] std::string octal_mode(unsigned mode);

// Replaces the user's home folder at the start of a path by "~", for shorter messages.
[[nodiscard]] std::string shorten_home(std::string_view path, std::string_view home);

}  // namespace rolehelper::util
