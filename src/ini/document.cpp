// SPDX-License-Identifier: MIT
// The reading rules are those of CPython 3.11's configparser.RawConfigParser._read with
// botocore's settings (strict, '=' and ':' delimiters, '#' and ';' full-line comments only,
// empty lines kept in values), applied to the text as Python's universal newlines split it.
#include <rolehelper/ini/document.hpp>

#include <rolehelper/ini/python_text.hpp>
#include <rolehelper/util/error.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace rolehelper::ini {
using util::Error;
using util::ErrorKind;

namespace {

using Snapshot = std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>;

Snapshot snapshot_of(const std::vector<Section>& sections) {
  Snapshot snapshot;
  for (const auto& section : sections) {
    auto& entries = snapshot.emplace_back(section.name, std::vector<std::pair<std::string, std::string>>{}).second;
    for (const auto& entry : section.entries) {
      entries.emplace_back(entry.key, entry.value);
    }
  }
  return snapshot;
}

bool ends_with_line_break(std::string_view text) noexcept {
  return !text.empty() && (text.back() == '\n' || text.back() == '\r');
}

void check_writable_text(std::string_view what, std::string_view text) {
  if (text.find_first_of("\r\n") != std::string_view::npos || python_strip(text) != text ||
      first_invalid_utf8(text)) {
    throw Error(ErrorKind::internal, std::string(what) + " cannot be written as one INI line");
  }
}

}  // namespace

const Entry* Section::find(std::string_view key) const noexcept {
  const auto lower = python_lower(key);
  for (const auto& entry : entries) {
    if (entry.key == lower) {
      return &entry;
    }
  }
  return nullptr;
}

std::size_t Section::last_key_line() const noexcept {
  return entries.empty() ? line : entries.back().last_line;
}

Document Document::parse(std::string text) {
  Document doc(Private{});
  doc.m_text = std::move(text);
  doc.reparse();
  return doc;
}

void Document::reparse() {
  m_lines.clear();
  m_sections.clear();
  m_error.reset();
  m_newline = "\n";

  // Universal newlines, as Python's text mode reads the file: "\n", "\r\n" and a lone "\r".
  bool newline_seen = false;
  for (std::size_t pos = 0; pos < m_text.size();) {
    const auto end = std::min(m_text.find_first_of("\r\n", pos), m_text.size());
    std::size_t next = end;
    if (end < m_text.size()) {
      next = end + ((m_text[end] == '\r' && end + 1 < m_text.size() && m_text[end + 1] == '\n') ? 2 : 1);
      if (!newline_seen) {
        m_newline = m_text.substr(end, next - end);
        newline_seen = true;
      }
    }
    m_lines.push_back(Line{pos, end, next, false});
    pos = next;
  }

  // Python decodes the file in 8 KiB chunks while configparser reads it, so an invalid byte
  // stops the reading when its chunk is decoded: lines wholly before that chunk are read
  // first (and may fail first), any later error never shows.
  std::optional<ParseError> utf8_error;
  std::size_t utf8_chunk_start = m_text.size();
  if (const auto bad = first_invalid_utf8(m_text)) {
    constexpr std::size_t k_python_chunk = 8192;
    utf8_chunk_start = *bad - *bad % k_python_chunk;
    const auto it = std::find_if(m_lines.begin(), m_lines.end(), [&](const Line& l) { return *bad < l.next; });
    utf8_error = ParseError{static_cast<std::size_t>(it - m_lines.begin()) + 1, "the file is not valid UTF-8"};
  }
  const auto needs_undecodable_chunk = [&](const Line& line) {
    // A line ending in "\r" right at the chunk's edge waits for the next chunk ("\r\n"?).
    return line.next > utf8_chunk_start ||
           (line.next == utf8_chunk_start && line.next > line.end && m_text[line.next - 1] == '\r');
  };

  std::optional<ParseError> deferred;  // configparser reports these only after the last line
  std::set<std::string, std::less<>> section_names;
  std::map<std::string, std::set<std::string>, std::less<>> keys_by_section;
  std::optional<std::size_t> current_section;
  Entry* active = nullptr;  // the option that continuation lines extend
  std::size_t pending_newlines = 0;
  std::size_t indent_level = 0;

  for (std::size_t i = 0; i < m_lines.size(); ++i) {
    Line& line = m_lines[i];
    const std::size_t number = i + 1;
    if (utf8_error && needs_undecodable_chunk(line)) {
      m_error = std::move(utf8_error);
      return;
    }
    const std::string_view raw(m_text.data() + line.begin, line.end - line.begin);
    const std::string_view stripped = python_strip(raw);
    if (!stripped.empty() && (stripped.front() == '#' || stripped.front() == ';')) {
      line.comment = true;
      continue;
    }
    if (stripped.empty()) {
      if (active != nullptr) {
        ++pending_newlines;
      }
      continue;
    }
    const std::size_t indent = python_indent(raw);
    if (active != nullptr && indent > indent_level) {
      active->value.append(pending_newlines + 1, '\n');
      active->value.append(stripped);
      active->last_line = number;
      pending_newlines = 0;
      continue;
    }
    indent_level = indent;

    const auto closing = stripped.rfind(']');
    if (stripped.front() == '[' && closing != std::string_view::npos && closing >= 2) {
      std::string name(stripped.substr(1, closing - 1));
      if (name != "DEFAULT" && !section_names.insert(name).second) {
        m_error = ParseError{number, "section [" + name + "] appears twice"};
        return;
      }
      m_sections.push_back(Section{std::move(name), number, {}});
      current_section = m_sections.size() - 1;
      active = nullptr;
      pending_newlines = 0;
      continue;
    }
    if (!current_section) {
      m_error = ParseError{number, "a line before the first [section] header"};
      return;
    }
    const auto delimiter = stripped.find_first_of("=:");
    if (delimiter == std::string_view::npos) {
      if (!deferred) {
        deferred = ParseError{number, "a line that is neither a [section] header nor key = value"};
      }
      continue;  // configparser keeps extending the previous key after such a line
    }
    Section& section = m_sections[*current_section];
    std::string key = python_lower(python_rstrip(stripped.substr(0, delimiter)));
    const std::string_view value = python_strip(stripped.substr(delimiter + 1));
    if (key.empty() && !deferred) {
      deferred = ParseError{number, "a line with '" + std::string(1, stripped[delimiter]) + "' but no key before it"};
    }
    if (!keys_by_section[section.name].insert(key).second) {
      m_error = ParseError{number, "key '" + key + "' appears twice in section [" + section.name + "]"};
      return;
    }
    const auto value_begin = static_cast<std::size_t>(value.data() - m_text.data());
    section.entries.push_back(
        Entry{key, std::string(value), number, number, value_begin, value_begin + value.size()});
    active = key.empty() ? nullptr : &section.entries.back();
    pending_newlines = 0;
  }
  if (deferred) {
    m_error = std::move(deferred);
  }
}

std::vector<const Entry*> Document::items(const Section& section) const {
  std::vector<const Entry*> result;
  std::set<std::string_view> seen;
  for (const auto& entry : section.entries) {
    result.push_back(&entry);
    seen.insert(entry.key);
  }
  for (const auto& defaults : m_sections) {
    if (!defaults.is_defaults()) {
      continue;
    }
    for (const auto& entry : defaults.entries) {
      if (seen.insert(entry.key).second) {
        result.push_back(&entry);
      }
    }
  }
  return result;
}

std::string_view Document::line_text(std::size_t number) const {
  const Line& line = m_lines.at(number - 1);
  return std::string_view(m_text).substr(line.begin, line.end - line.begin);
}

void Document::require_editable(std::size_t section_index) const {
  if (m_error) {
    throw Error(ErrorKind::internal, "cannot edit an INI document that does not parse");
  }
  if (section_index >= m_sections.size()) {
    throw Error(ErrorKind::internal, "INI section index out of range");
  }
}

void Document::replace(std::size_t begin, std::size_t end, std::string_view replacement) {
  m_text.replace(begin, end - begin, replacement);
  reparse();
}

void Document::insert_line_after(std::size_t line_number, std::string_view content) {
  const Line& line = m_lines.at(line_number - 1);
  if (line.next == line.end) {
    // The file's last line has no line break: the new line becomes the last one, also without.
    replace(line.end, line.end, m_newline + std::string(content));
  } else {
    replace(line.next, line.next, std::string(content) + m_newline);
  }
}

void Document::erase_lines(std::size_t first, std::size_t last, bool keep_comments) {
  const bool had_final_break = ends_with_line_break(m_text);
  for (std::size_t number = last; number >= first && number > 0; --number) {
    const Line& line = m_lines.at(number - 1);
    if (keep_comments && line.comment) {
      continue;
    }
    m_text.erase(line.begin, line.next - line.begin);
  }
  if (!had_final_break && ends_with_line_break(m_text)) {
    // The removed lines ended the file: keep its missing final newline missing.
    const bool crlf = m_text.size() >= 2 && m_text.ends_with("\r\n");
    m_text.resize(m_text.size() - (crlf ? 2 : 1));
  }
  reparse();
}

void Document::set_value(std::size_t section_index, std::string_view key, std::string_view value) {
  require_editable(section_index);
  check_writable_text("key", key);
  check_writable_text("value", value);
  if (key.empty() || key.find_first_of("=:[]#;") != std::string_view::npos) {
    throw Error(ErrorKind::internal, "invalid INI key");
  }
  auto expected = snapshot_of(m_sections);
  const std::string lower = python_lower(key);
  auto& expected_entries = expected[section_index].second;
  const auto existing = std::find_if(expected_entries.begin(), expected_entries.end(),
                                     [&](const auto& kv) { return kv.first == lower; });
  if (existing != expected_entries.end()) {
    existing->second = std::string(value);
  } else {
    expected_entries.emplace_back(lower, std::string(value));
  }
  const std::string before = m_text;

  if (const Entry* entry = m_sections[section_index].find(key)) {
    if (entry->last_line > entry->line) {
      erase_lines(entry->line + 1, entry->last_line, true);
      entry = m_sections[section_index].find(key);
    }
    std::string replacement(value);
    if (entry->value_begin == entry->value_end && entry->value_begin > 0 &&
        (m_text[entry->value_begin - 1] == '=' || m_text[entry->value_begin - 1] == ':')) {
      replacement.insert(0, " ");
    }
    replace(entry->value_begin, entry->value_end, replacement);
  } else {
    const Section& section = m_sections[section_index];
    // Indent like the key above, so no following line changes from key to continuation.
    const std::size_t indent_line = section.entries.empty() ? section.line : section.entries.back().line;
    const Line& line = m_lines[indent_line - 1];
    const std::string_view raw(m_text.data() + line.begin, line.end - line.begin);
    const std::string indent(raw.substr(0, raw.size() - python_lstrip(raw).size()));
    insert_line_after(section.last_key_line(), indent + std::string(key) + " = " + std::string(value));
  }

  if (m_error || snapshot_of(m_sections) != expected) {
    m_text = before;
    reparse();
    throw Error(ErrorKind::config,
                "cannot add '" + std::string(key) + "' to section [" + m_sections[section_index].name +
                    "] without changing how the lines after it are read",
                "move the indented lines that follow that section's header, then try again");
  }
}

bool Document::remove_key(std::size_t section_index, std::string_view key) {
  require_editable(section_index);
  const Entry* entry = m_sections[section_index].find(key);
  if (entry == nullptr) {
    return false;
  }
  erase_lines(entry->line, entry->last_line, true);
  return true;
}

std::size_t Document::append_section(std::string_view name) {
  if (m_error) {
    throw Error(ErrorKind::internal, "cannot edit an INI document that does not parse");
  }
  check_writable_text("section name", name);
  const std::string header = "[" + std::string(name) + "]";
  // Always one blank separator line, whatever the file ends with, so that remove_section,
  // which drops exactly one, gives back the original bytes.
  if (m_lines.empty()) {
    m_text += header + m_newline;
  } else if (m_lines.back().next == m_lines.back().end) {
    m_text += m_newline + m_newline + header;  // keep the missing final newline missing
  } else {
    m_text += m_newline + header + m_newline;
  }
  reparse();
  if (m_error || m_sections.empty() || m_sections.back().name != name) {
    throw Error(ErrorKind::internal, "appending section [" + std::string(name) + "] failed");
  }
  return m_sections.size() - 1;
}

void Document::remove_section(std::size_t section_index) {
  require_editable(section_index);
  const Section& section = m_sections[section_index];
  std::size_t first = section.line;
  std::size_t last = section.last_key_line();
  const auto is_blank = [&](std::size_t number) {
    const Line& line = m_lines[number - 1];
    return !line.comment && python_strip(std::string_view(m_text).substr(line.begin, line.end - line.begin)).empty();
  };
  while (last < m_lines.size() && is_blank(last + 1)) {
    ++last;
  }
  if (last == m_lines.size() && first > 1 && is_blank(first - 1)) {
    // The section ended the file: also drop the one blank line append_section puts before it.
    --first;
  }
  erase_lines(first, last, false);
}

}  // namespace rolehelper::ini
