// SPDX-License-Identifier: MIT
#include <rolehelper/util/strings.hpp>

#include <algorithm>

namespace rolehelper::util {
namespace {
bool is_ascii_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
}  // namespace

std::string_view trim_ascii(std::string_view text) noexcept {
  while (!text.empty() && is_ascii_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_ascii_space(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) {
      return parts;
    }
    start = end + 1;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      out += separator;
    }
    out += parts[i];
  }
  return out;
}

bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::string octal_mode(unsigned mode) {
  std::string out = "0000";
  for (std::size_t i = 4; i-- > 0; mode >>= 3U) {
    out[i] = static_cast<char>('0' + (mode & 7U));
  }
  return out;
}

std::string shorten_home(std::string_view path, std::string_view home) {
  if (home.empty() || home == "/" || !path.starts_with(home)) {
    return std::string(path);
  }
  const auto rest = path.substr(home.size());
  if (!rest.empty() && rest.front() != '/') {
    return std::string(path);
  }
  return "~" + std::string(rest);
}

}  // namespace rolehelper::util
