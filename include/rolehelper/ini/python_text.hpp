// SPDX-License-Identifier: MIT
// The text rules Python applies when botocore reads a config file: UTF-8 decoding, what
// str.strip() and the regex \s count as whitespace (Unicode, not just ASCII), indentation
// measured in characters, str.lower() on keys and str.splitlines() on nested blocks.
// All functions take and return UTF-8 bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolehelper::ini {

// Byte length of the whitespace character (str.isspace) that starts at `pos`, or 0.
[[nodiscard]] std::size_t python_space_at(std::string_view text, std::size_t pos) noexcept;

[[nodiscard]] std::string_view python_lstrip(std::string_view text) noexcept;
[[nodiscard]] std::string_view python_rstrip(std::string_view text) noexcept;
[[nodiscard]] std::string_view python_strip(std::string_view text) noexcept;

// Characters (code points) of leading whitespace: configparser's indentation level.
[[nodiscard]] std::size_t python_indent(std::string_view line) noexcept;

// Offset of the first byte that is not valid strict UTF-8 (as Python decodes), if any.
[[nodiscard]] std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept;

// For an invalid sequence starting at `start`: the offset of the byte that makes it invalid
// (the lead byte itself, a bad continuation byte, or text.size() when the text ends inside it).
[[nodiscard]] std::size_t utf8_breaking_byte(std::string_view text, std::size_t start) noexcept;

// str.lower(), for every code point Python 3.11 lower-cases (U+212A KELVIN SIGN is "k").
[[nodiscard]] std::string python_lower(std::string_view text);

// str.splitlines(): splits on \n \r \r\n \v \f \x1c \x1d \x1e \x85 \u2028 \u2029.
[[nodiscard]] std::vector<std::string_view> python_splitlines(std::string_view text);

}  // namespace rolehelper::ini
