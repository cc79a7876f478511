// SPDX-License-Identifier: MIT
// The reading rules are those of CPython 3.11's configparser.RawConfigParser._read with
// botocore's settings (strict, '=' and ':' delimiters, '#' and ';' full-line comments only,
// empty lines kept in values), applied to the text as Python's universal newlines split it.
#include <rolehelper/ini/document.hpp>
#include <rolehelper/ini/python_text.hpp>
#include <rolehelper/util/error.hpp>

#include <algorithm>
#include <set>
#include <span>
#include <unordered_set>
#include <utility>

namespace rolehelper::ini {
using util::Error;
using util::ErrorKind;

namespace {

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
  m_default_sections.clear();
  m_error.reset();
  m_newline = "\n";

  // Universal newlines, as Python's text mode reads the file: "\n", "\r\n" and a lone "\r".
  bool newline_seen = false;
  for (std::size_t pos = 0; pos < m_text.size();) {
    const auto end = std::min(m_text.find_first_of("\r\n", pos), m_text.size());
    std::size_t next = end;
    if (end < m_text.size()) {
      next = end +
             ((m_text[end] == '\r' && end + 1 < m_text.size() && m_text[end + 1] == '\n') ? 2 : 1);
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
    // The decoder keeps an unfinished sequence for the next chunk: the error comes with the
    // chunk that holds the first byte breaking it (or with the end of the file).
    const std::size_t breaking = utf8_breaking_byte(m_text, *bad);
    utf8_chunk_start = breaking - breaking % k_python_chunk;
    const auto it =
        std::find_if(m_lines.begin(), m_lines.end(), [&](const Line& l) { return *bad < l.next; });
    utf8_error = ParseError{static_cast<std::size_t>(it - m_lines.begin()) + 1,
                            "the file is not valid UTF-8"};
  }
  const auto needs_undecodable_chunk = [&](const Line& line) {
    // A line ending in "\r" right at the chunk's edge waits for the next chunk ("\r\n"?).
    return line.next > utf8_chunk_start ||
           (line.next == utf8_chunk_start && line.next > line.end && m_text[line.next - 1] == '\r');
  };

  std::optional<ParseError> deferred;  // configparser reports these only after the last line
  std::unordered_set<std::string_view> section_names;  // views into m_text
  std::optional<std::size_t> current_section;
  Entry* active = nullptr;  // the option that continuation lines extend
  std::size_t pending_newlines = 0;
  std::size_t indent_level = 0;

  // configparser's strict check: a key may appear once per section, and once across all
  // [DEFAULT] sections together. Sections are short, so a scan beats a set.
  const auto has_key = [&](std::span<const std::size_t> in, std::string_view key) {
    return std::any_of(in.begin(), in.end(), [&](std::size_t index) {
      const auto& entries = m_sections[index].entries;
      return std::any_of(entries.begin(), entries.end(),
                         [&](const Entry& e) { return e.key == key; });
    });
  };

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
      const std::string_view name_view = stripped.substr(1, closing - 1);
      std::string name(name_view);
      if (name != "DEFAULT" && !section_names.insert(name_view).second) {
        m_error = ParseError{number, "section [" + name + "] appears twice"};
        return;
      }
      if (name == "DEFAULT") {
        m_default_sections.push_back(m_sections.size());
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
      deferred = ParseError{
          number, "a line with '" + std::string(1, stripped[delimiter]) + "' but no key before it"};
    }
    if (has_key(section.is_defaults() ? std::span<const std::size_t>(m_default_sections)
                                      : std::span<const std::size_t>(&*current_section, 1),
                key)) {
      m_error =
          ParseError{number, "key '" + key + "' appears twice in section [" + section.name + "]"};
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
  result.reserve(section.entries.size());
  for (const auto& entry : section.entries) {
    result.push_back(&entry);
  }
  if (m_default_sections.empty()) {
    return result;
  }
  std::set<std::string_view> seen;
  for (const auto& entry : section.entries) {
    seen.insert(entry.key);
  }
  for (const auto index : m_default_sections) {
    for (const auto& entry : m_sections[index].entries) {
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

namespace {

bool same_entries(const Section& a, const Section& b) {
  return a.name == b.name && a.entries.size() == b.entries.size() &&
         std::equal(
             a.entries.begin(), a.entries.end(), b.entries.begin(),
             [](const Entry& x, const Entry& y) { return x.key == y.key && x.value == y.value; });
}

// True when `after` equals `before` with sections [from, from + removed) replaced by
// [from, from + added) of `after`, which `check_changed` then judges.
template <typename Check>
bool only_changed(const std::vector<Section>& before, const std::vector<Section>& after,
                  std::size_t from, std::size_t removed, std::size_t added, Check check_changed) {
  if (after.size() + removed != before.size() + added) {
    return false;
  }
  for (std::size_t i = 0; i < from; ++i) {
    if (!same_entries(before[i], after[i])) {
      return false;
    }
  }
  for (std::size_t i = from + removed; i < before.size(); ++i) {
    if (!same_entries(before[i], after[i - removed + added])) {
      return false;
    }
  }
  return check_changed();
}

}  // namespace

void Document::apply(
    std::vector<Splice> splices, std::vector<Section> before,
    const std::function<bool(const std::vector<Section>&, const std::vector<Section>&)>& expected,
    std::string_view what) {
  const std::string original = m_text;
  std::sort(splices.begin(), splices.end(),
            [](const Splice& a, const Splice& b) { return a.begin > b.begin; });
  for (const auto& splice : splices) {
    m_text.replace(splice.begin, splice.end - splice.begin, splice.text);
  }
  if (!original.empty() && !ends_with_line_break(original) && ends_with_line_break(m_text)) {
    // The change reached the end of a file without a final newline: keep it without one.
    m_text.resize(m_text.size() - (m_text.ends_with("\r\n") ? 2 : 1));
  }
  reparse();
  if (m_error || !expected(before, m_sections)) {
    m_text = original;
    reparse();
    throw Error(
        ErrorKind::config,
        "cannot " + std::string(what) + " without changing how other lines of the file are read",
        "move the indented lines near that place, then try again");
  }
}

Document::Splice Document::erase_line(std::size_t number) const {
  const Line& line = m_lines.at(number - 1);
  return Splice{line.begin, line.next, {}};
}

void Document::set_value(std::size_t section_index, std::string_view key, std::string_view value) {
  update_section(section_index, {KeyChange{std::string(key), std::string(value)}});
}

bool Document::remove_key(std::size_t section_index, std::string_view key) {
  require_editable(section_index);
  if (m_sections[section_index].find(key) == nullptr) {
    return false;
  }
  update_section(section_index, {KeyChange{std::string(key), std::nullopt}});
  return true;
}

void Document::update_section(std::size_t section_index, const std::vector<KeyChange>& changes) {
  require_editable(section_index);
  const Section& section = m_sections[section_index];
  std::vector<std::pair<std::string, std::string>> expected;
  for (const auto& entry : section.entries) {
    expected.emplace_back(entry.key, entry.value);
  }
  std::vector<Splice> splices;
  std::vector<std::string> new_lines;
  // Indent new keys like the key above, so no following line changes from key to continuation.
  const std::string_view indent_source =
      line_text(section.entries.empty() ? section.line : section.entries.back().line);
  const std::string indent(
      indent_source.substr(0, indent_source.size() - python_lstrip(indent_source).size()));

  for (std::size_t i = 0; i < changes.size(); ++i) {
    for (std::size_t j = i + 1; j < changes.size(); ++j) {
      if (python_lower(changes[i].key) == python_lower(changes[j].key)) {
        throw Error(ErrorKind::internal,
                    "key '" + changes[i].key + "' changed twice in one update");
      }
    }
  }
  for (const auto& change : changes) {
    check_writable_text("key", change.key);
    if (change.key.empty() || change.key.find_first_of("=:[]#;") != std::string::npos) {
      throw Error(ErrorKind::internal, "invalid INI key");
    }
    const std::string lower = python_lower(change.key);
    const auto slot = std::find_if(expected.begin(), expected.end(),
                                   [&](const auto& kv) { return kv.first == lower; });
    const Entry* entry = section.find(lower);
    if (!change.value) {
      if (entry != nullptr) {
        splices.push_back(erase_line(entry->line));
        for (std::size_t number = entry->line + 1; number <= entry->last_line; ++number) {
          if (!m_lines[number - 1].comment) {
            splices.push_back(erase_line(number));
          }
        }
        expected.erase(slot);
      }
      continue;
    }
    check_writable_text("value", *change.value);
    if (entry != nullptr) {
      for (std::size_t number = entry->line + 1; number <= entry->last_line; ++number) {
        if (!m_lines[number - 1].comment) {
          splices.push_back(erase_line(number));  // the old value's continuation lines
        }
      }
      std::string replacement = *change.value;
      if (entry->value_begin == entry->value_end && entry->value_begin > 0 &&
          (m_text[entry->value_begin - 1] == '=' || m_text[entry->value_begin - 1] == ':')) {
        replacement.insert(0, " ");
      }
      splices.push_back(Splice{entry->value_begin, entry->value_end, std::move(replacement)});
      slot->second = *change.value;
    } else if (slot != expected.end()) {
      throw Error(ErrorKind::internal, "key '" + change.key + "' set twice in one update");
    } else {
      new_lines.push_back(indent + change.key + " = " + *change.value);
      expected.emplace_back(lower, *change.value);
    }
  }
  if (!new_lines.empty()) {
    const Line& after = m_lines[section.last_key_line() - 1];
    std::string block;
    for (const auto& line : new_lines) {
      block += (after.next == after.end) ? m_newline + line : line + m_newline;
    }
    splices.push_back(Splice{after.next, after.next, std::move(block)});
  }
  if (splices.empty()) {
    return;
  }
  std::string what = "change section [" + section.name + "]";
  // The splices hold offsets; the old sections are only needed to compare, so move them.
  apply(
      std::move(splices), std::move(m_sections),
      [&](const std::vector<Section>& old, const std::vector<Section>& now) {
        return only_changed(old, now, section_index, 1, 1, [&] {
          const auto& is = now[section_index];
          return is.name == old[section_index].name && is.entries.size() == expected.size() &&
                 std::equal(is.entries.begin(), is.entries.end(), expected.begin(),
                            [](const Entry& e, const auto& kv) {
                              return e.key == kv.first && e.value == kv.second;
                            });
        });
      },
      what);
}

std::size_t Document::append_section(std::string_view name) {
  if (m_error) {
    throw Error(ErrorKind::internal, "cannot edit an INI document that does not parse");
  }
  check_writable_text("section name", name);
  const std::string header = "[" + std::string(name) + "]";
  // Always one blank separator line, whatever the file ends with, so that remove_section,
  // which drops exactly one, gives back the original bytes.
  std::string addition;
  if (m_lines.empty()) {
    addition = header + m_newline;
  } else if (m_lines.back().next == m_lines.back().end) {
    addition = m_newline + m_newline + header;  // the file's missing final newline stays missing
  } else {
    addition = m_newline + header + m_newline;
  }
  const std::size_t count = m_sections.size();
  apply(
      {Splice{m_text.size(), m_text.size(), std::move(addition)}}, std::move(m_sections),
      [&](const std::vector<Section>& old, const std::vector<Section>& now) {
        return only_changed(old, now, count, 0, 1,
                            [&] { return now.back().name == name && now.back().entries.empty(); });
      },
      "add section [" + std::string(name) + "]");
  return count;
}

void Document::remove_section(std::size_t section_index) {
  require_editable(section_index);
  const Section& section = m_sections[section_index];
  std::size_t first = section.line;
  std::size_t last = section.last_key_line();
  const auto is_blank = [&](std::size_t number) {
    return !m_lines[number - 1].comment && python_strip(line_text(number)).empty();
  };
  while (last < m_lines.size() && is_blank(last + 1)) {
    ++last;
  }
  if (last == m_lines.size() && first > 1 && is_blank(first - 1)) {
    // The section ended the file: also drop the one blank line append_section puts before it.
    --first;
  }
  const Splice splice{m_lines[first - 1].begin, m_lines[last - 1].next, {}};
  std::string what = "remove section [" + section.name + "]";
  apply(
      {splice}, std::move(m_sections),
      [&](const std::vector<Section>& old, const std::vector<Section>& now) {
        return only_changed(old, now, section_index, 1, 0, [] { return true; });
      },
      what);
}

}  // namespace rolehelper::ini
