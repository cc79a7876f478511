// SPDX-License-Identifier: MIT
// ConfigFile: one AWS config or credentials file as botocore's configloader reads it
// (raw_config_parse): its sections with [DEFAULT] keys leaked into each, and values that
// start with a line break read as nested sub-settings ("s3 =" blocks). A file botocore
// would refuse throws Error(parse) naming the file and line, and is never edited.
#pragma once

#include <rolehelper/ini/document.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rolehelper::aws {

enum class FileKind { config, credentials };

using NestedSettings = std::vector<std::pair<std::string, std::string>>;

struct Setting {
  std::string key;
  std::string value;                     // as configparser returns it
  std::optional<NestedSettings> nested;  // botocore's one level of sub-settings
  FileKind file = FileKind::config;
  std::size_t line = 0;  // 1-based line of the key in that file
};

struct RawSection {
  std::string name;
  std::size_t line = 0;
  std::size_t document_index = 0;  // index in document().sections(), for edits
  std::vector<Setting> settings;
};

class ConfigFile {
 public:
  // A missing file reads as empty. Throws Error(io) or Error(parse).
  [[nodiscard]] static ConfigFile load(const std::filesystem::path& path, FileKind kind);
  [[nodiscard]] static ConfigFile from_text(std::filesystem::path path, FileKind kind,
                                            std::string text);

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }
  [[nodiscard]] FileKind kind() const noexcept { return m_kind; }
  [[nodiscard]] const ini::Document& document() const noexcept { return m_document; }
  // The sections botocore returns, [DEFAULT] excluded (re-read after an edit when next asked).
  [[nodiscard]] const std::vector<RawSection>& sections() const;

  // Edits go through the document; each re-reads the sections.
  void update_section(std::size_t document_index,
                      const std::vector<ini::Document::KeyChange>& changes);
  std::size_t append_section(std::string_view name);
  void remove_section(std::size_t document_index);

 private:
  ConfigFile(std::filesystem::path path, FileKind kind, ini::Document document);
  [[nodiscard]] std::vector<RawSection> read_sections() const;

  std::filesystem::path m_path;
  FileKind m_kind;
  ini::Document m_document;
  mutable std::optional<std::vector<RawSection>> m_sections;
};

// "path:line: message" for errors about a place in a file.
[[nodiscard]] std::string file_position(const std::filesystem::path& path, std::size_t line);

}  // namespace rolehelper::aws
