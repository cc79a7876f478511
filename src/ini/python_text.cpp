// SPDX-License-Identifier: MIT
#include <rolehelper/ini/python_text.hpp>

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace rolehelper::ini {
namespace {

unsigned char byte_at(std::string_view text, std::size_t pos) noexcept {
  return static_cast<unsigned char>(text[pos]);
}

struct Utf8Sequence {
  std::size_t length;    // bytes of a valid sequence; 0 when invalid
  std::size_t breaking;  // when invalid: the byte that makes it so (text.size() if cut short)
};

// Strict UTF-8 as Python decodes it: no overlong forms, no surrogates, nothing above U+10FFFF.
Utf8Sequence utf8_sequence_at(std::string_view text, std::size_t start) noexcept {
  const unsigned char lead = byte_at(text, start);
  if (lead < 0x80) {
    return {1, 0};
  }
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    low = lead == 0xe0 ? 0xa0 : 0x80;
    high = lead == 0xed ? 0x9f : 0xbf;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    low = lead == 0xf0 ? 0x90 : 0x80;
    high = lead == 0xf4 ? 0x8f : 0xbf;
  } else {
    return {0, start};
  }
  for (std::size_t k = 1; k < length; ++k) {
    if (start + k >= text.size()) {
      return {0, text.size()};
    }
    const unsigned char c = byte_at(text, start + k);
    if (c < (k == 1 ? low : 0x80) || c > (k == 1 ? high : 0xbf)) {
      return {0, start + k};
    }
  }
  return {length, 0};
}

// Byte length of the whitespace character that ends just before `end`, or 0.
std::size_t python_space_before(std::string_view text, std::size_t end) noexcept {
  for (std::size_t length = 1; length <= 3 && length <= end; ++length) {
    if (python_space_at(text, end - length) == length) {
      return length;
    }
  }
  return 0;
}

// Byte length of a line break of str.splitlines() at `pos`, or 0.
std::size_t line_break_at(std::string_view text, std::size_t pos) noexcept {
  const unsigned char c = byte_at(text, pos);
  if (c == '\r') {
    return (pos + 1 < text.size() && text[pos + 1] == '\n') ? 2 : 1;
  }
  if (c == '\n' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e) {
    return 1;
  }
  if (c == 0xc2 && pos + 1 < text.size() && byte_at(text, pos + 1) == 0x85) {
    return 2;
  }
  if (c == 0xe2 && pos + 2 < text.size() && byte_at(text, pos + 1) == 0x80 &&
      (byte_at(text, pos + 2) == 0xa8 || byte_at(text, pos + 2) == 0xa9)) {
    return 3;
  }
  return 0;
}

}  // namespace

std::size_t python_space_at(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) {
    return 0;
  }
  const unsigned char c = byte_at(text, pos);
  if ((c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20)) {
    return 1;
  }
  const auto next = [&](std::size_t i) -> unsigned {
    return pos + i < text.size() ? byte_at(text, pos + i) : 0U;
  };
  if (c == 0xc2 && (next(1) == 0x85 || next(1) == 0xa0)) {
    return 2;  // U+0085, U+00A0
  }
  if (c == 0xe1 && next(1) == 0x9a && next(2) == 0x80) {
    return 3;  // U+1680
  }
  if (c == 0xe2 && next(1) == 0x80 &&
      ((next(2) >= 0x80 && next(2) <= 0x8a) || next(2) == 0xa8 || next(2) == 0xa9 ||
       next(2) == 0xaf)) {
    return 3;  // U+2000..U+200A, U+2028, U+2029, U+202F
  }
  if (c == 0xe2 && next(1) == 0x81 && next(2) == 0x9f) {
    return 3;  // U+205F
  }
  if (c == 0xe3 && next(1) == 0x80 && next(2) == 0x80) {
    return 3;  // U+3000
  }
  return 0;
}

std::string_view python_lstrip(std::string_view text) noexcept {
  std::size_t pos = 0;
  while (const auto length = python_space_at(text, pos)) {
    pos += length;
  }
  return text.substr(pos);
}

std::string_view python_rstrip(std::string_view text) noexcept {
  std::size_t end = text.size();
  while (const auto length = python_space_before(text, end)) {
    end -= length;
  }
  return text.substr(0, end);
}

std::string_view python_strip(std::string_view text) noexcept {
  return python_rstrip(python_lstrip(text));
}

std::size_t python_indent(std::string_view line) noexcept {
  std::size_t pos = 0;
  std::size_t characters = 0;
  while (const auto length = python_space_at(line, pos)) {
    pos += length;
    ++characters;
  }
  return characters;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) noexcept {
  for (std::size_t i = 0; i < text.size();) {
    const auto sequence = utf8_sequence_at(text, i);
    if (sequence.length == 0) {
      return i;
    }
    i += sequence.length;
  }
  return std::nullopt;
}

std::size_t utf8_breaking_byte(std::string_view text, std::size_t start) noexcept {
  return utf8_sequence_at(text, start).breaking;
}

namespace {

struct LowerCase {
  std::uint32_t code_point;
  const char* lower;  // UTF-8
};

// Every non-ASCII code point str.lower() changes (generate_lower_table.py), sorted.
constexpr LowerCase k_lower_table[] = {
#include "python_lower_table.inc"
};

// Decodes the UTF-8 sequence at `pos` (valid text assumed); returns its length.
std::size_t decode(std::string_view text, std::size_t pos, std::uint32_t& code_point) noexcept {
  const unsigned char lead = byte_at(text, pos);
  const std::size_t length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  code_point = lead & (length == 2 ? 0x1fU : length == 3 ? 0x0fU : 0x07U);
  for (std::size_t k = 1; k < length && pos + k < text.size(); ++k) {
    code_point = (code_point << 6U) | (byte_at(text, pos + k) & 0x3fU);
  }
  return std::min(length, text.size() - pos);
}

}  // namespace

// One difference remains: Python lower-cases a word-final capital sigma to U+03C2 (Final_Sigma);
// the table gives U+03C3. No AWS setting has Greek keys.
std::string python_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const unsigned char c = byte_at(text, pos);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++pos;
      continue;
    }
    if (c < 0xc2 || c > 0xf4) {  // not UTF-8: keep the byte (documents are validated first)
      out += static_cast<char>(c);
      ++pos;
      continue;
    }
    std::uint32_t code_point = 0;
    const std::size_t length = decode(text, pos, code_point);
    const auto* end = std::end(k_lower_table);
    const auto* found = std::lower_bound(
        std::begin(k_lower_table), end, code_point,
        [](const LowerCase& row, std::uint32_t cp) { return row.code_point < cp; });
    if (found != end && found->code_point == code_point) {
      out += found->lower;
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

std::vector<std::string_view> python_splitlines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (const auto length = line_break_at(text, pos)) {
      lines.push_back(text.substr(start, pos - start));
      pos += length;
      start = pos;
    } else {
      ++pos;
    }
  }
  if (start < text.size()) {
    lines.push_back(text.substr(start));
  }
  return lines;
}

}  // namespace rolehelper::ini
