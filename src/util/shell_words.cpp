// SPDX-License-Identifier: MIT
#include <rolehelper/util/shell_words.hpp>

namespace rolehelper::util {
namespace {
// shlex's whitespace set in POSIX mode.
bool is_shlex_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
}  // namespace

std::optional<std::vector<std::string>> split_shell_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_shlex_space(c)) {
      if (in_word) {
        words.push_back(std::move(word));
        word.clear();
        in_word = false;
      }
      ++i;
    } else if (c == '\\') {
      if (i + 1 >= text.size()) {
        return std::nullopt;  // "No escaped character"
      }
      word += text[i + 1];
      in_word = true;
      i += 2;
    } else if (c == '\'') {
      const auto end = text.find('\'', i + 1);
      if (end == std::string_view::npos) {
        return std::nullopt;  // "No closing quotation"
      }
      word.append(text.substr(i + 1, end - i - 1));
      in_word = true;
      i = end + 1;
    } else if (c == '"') {
      // Inside double quotes a backslash escapes only '"' and '\' (shlex.escapedquotes).
      ++i;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') {
          closed = true;
          ++i;
          break;
        }
        if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
          word += text[i + 1];
          i += 2;
        } else {
          word += text[i];
          ++i;
        }
      }
      if (!closed) {
        return std::nullopt;
      }
      in_word = true;
    } else {
      word += c;
      in_word = true;
      ++i;
    }
  }
  if (in_word) {
    words.push_back(std::move(word));
  }
  return words;
}

std::string quote_shell_word(std::string_view word) {
  if (word.empty()) {
    return "''";
  }
  bool safe = true;
  for (const char c : word) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("@%+=:,./-_").find(c) != std::string_view::npos;
    safe = safe && plain;
  }
  if (safe) {
    return std::string(word);
  }
  std::string out = "'";
  for (const char c : word) {
    if (c == '\'') {
      out += "'\"'\"'";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace rolehelper::util
