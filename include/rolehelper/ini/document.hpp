// SPDX-License-Identifier: MIT
// ini::Document: a lossless INI document. parse() accepts any bytes and text() gives them back
// unchanged until an edit; an edit replaces only the lines it changes (splicing, never
// regenerating), so comments, blank lines, order, indentation, CRLF and a missing final
// newline survive. Reading follows Python's configparser.RawConfigParser exactly as botocore
// uses it; where configparser would refuse the file, error() says why and on which line, and
// the sections are not to be trusted. Knows nothing of AWS.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolehelper::ini {

struct ParseError {
  std::size_t line = 0;  // 1-based
  std::string message;
};

struct Entry {
  std::string key;              // lower-cased, as configparser's optionxform does
  std::string value;            // continuation lines joined with '\n', as configparser returns it
  std::size_t line = 0;         // 1-based line of the key
  std::size_t last_line = 0;    // 1-based last line of its value (continuations included)
  std::size_t value_begin = 0;  // byte span of the value on the key's line
  std::size_t value_end = 0;
};

struct Section {
  std::string name;      // text between '[' and the line's last ']'
  std::size_t line = 0;  // 1-based header line
  std::vector<Entry> entries;

  [[nodiscard]] bool is_defaults() const noexcept { return name == "DEFAULT"; }
  [[nodiscard]] const Entry* find(std::string_view key) const noexcept;
  // 1-based last line that belongs to the section's keys (the header's if it has none).
  [[nodiscard]] std::size_t last_key_line() const noexcept;
};

class Document {
 public:
  Document() { reparse(); }
  [[nodiscard]] static Document parse(std::string text);

  [[nodiscard]] const std::string& text() const noexcept { return m_text; }
  [[nodiscard]] const std::optional<ParseError>& error() const noexcept { return m_error; }
  // Every section header in file order, [DEFAULT] ones included.
  [[nodiscard]] const std::vector<Section>& sections() const noexcept { return m_sections; }
  // configparser's options(section): the section's keys, then the [DEFAULT] keys it lacks.
  [[nodiscard]] std::vector<const Entry*> items(const Section& section) const;
  // The text of a 1-based line, without its line break.
  [[nodiscard]] std::string_view line_text(std::size_t number) const;

  // Edits. Each keeps every byte outside the lines it changes and re-reads the document.
  // They require a document without error() and values/keys that configparser reads back
  // unchanged (no line breaks, no surrounding whitespace); otherwise Error(internal).

  struct KeyChange {
    std::string key;
    std::optional<std::string> value;  // std::nullopt removes the key
  };
  // Applies the changes in one pass: a value is replaced where it stands (its continuation
  // lines dropped, comments among them kept), a new key goes after the section's last key
  // with that key's indentation, a removed key goes with its continuation lines.
  void update_section(std::size_t section_index, const std::vector<KeyChange>& changes);
  // update_section with one change.
  void set_value(std::size_t section_index, std::string_view key, std::string_view value);
  // Removes the key and its continuation lines; false if the section has no such key.
  bool remove_key(std::size_t section_index, std::string_view key);
  // Adds "[name]" at the end of the file, after a blank line; returns the section's index.
  std::size_t append_section(std::string_view name);
  // Removes the header, the section's keys and the blank lines that followed them; for the
  // file's last section, also the one blank line before it.
  void remove_section(std::size_t section_index);

 private:
  struct Line {
    std::size_t begin = 0;  // byte offsets into m_text
    std::size_t end = 0;    // end of content, before the line break
    std::size_t next = 0;   // start of the next line
    bool comment = false;
  };

  struct Private {};
  explicit Document(Private) {}

  struct Splice {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string text;
  };

  void reparse();
  void require_editable(std::size_t section_index) const;
  [[nodiscard]] Splice erase_line(std::size_t number) const;
  // Applies the splices, re-reads, and checks the sections against `expected(before, now)`;
  // if they differ, restores the text and throws Error(config).
  void apply(
      std::vector<Splice> splices, std::vector<Section> before,
      const std::function<bool(const std::vector<Section>&, const std::vector<Section>&)>& expected,
      std::string_view what);

  std::string m_text;
  std::vector<Line> m_lines;
  std::vector<Section> m_sections;
  std::vector<std::size_t> m_default_sections;  // indexes of the [DEFAULT] sections
  std::optional<ParseError> m_error;
  std::string m_newline = "\n";
};

}  // namespace rolehelper::ini
