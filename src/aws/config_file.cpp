// SPDX-License-Identifier: MIT
#include <rolehelper/aws/config_file.hpp>
#include <rolehelper/ini/python_text.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/error.hpp>

#include <algorithm>

namespace rolehelper::aws {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;

namespace {

// botocore.configloader._parse_nested: each non-empty line of the block is "key = value",
// split on the first '='; a later repeat of a key replaces the value in its first position.
std::optional<NestedSettings> parse_nested(const ini::Document& document, const ini::Entry& entry,
                                           const fs::path& path) {
  if (!entry.value.starts_with('\n')) {
    return std::nullopt;
  }
  NestedSettings nested;
  for (const auto raw_line : ini::python_splitlines(entry.value)) {
    const auto line = ini::python_strip(raw_line);
    if (line.empty()) {
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) {
      // Find the physical line for the message; botocore itself names none.
      std::size_t where = entry.line;
      for (std::size_t n = entry.line + 1; n <= entry.last_line; ++n) {
        if (ini::python_strip(document.line_text(n)) == line) {
          where = n;
          break;
        }
      }
      throw Error(ErrorKind::parse,
                  file_position(path, where) + ": a line in the nested block of '" + entry.key +
                      "' has no '=' (botocore reads it as key = value)",
                  "fix that line; the file was not changed");
    }
    std::string key(ini::python_strip(line.substr(0, equals)));
    std::string value(ini::python_strip(line.substr(equals + 1)));
    const auto existing =
        std::find_if(nested.begin(), nested.end(), [&](const auto& kv) { return kv.first == key; });
    if (existing != nested.end()) {
      existing->second = std::move(value);
    } else {
      nested.emplace_back(std::move(key), std::move(value));
    }
  }
  return nested;
}

}  // namespace

std::string file_position(const fs::path& path, std::size_t line) {
  return path.string() + ":" + std::to_string(line);
}

ConfigFile::ConfigFile(fs::path path, FileKind kind, ini::Document document)
    : m_path(std::move(path)), m_kind(kind), m_document(std::move(document)) {
  m_sections = read_sections();  // now, so that a file botocore refuses is refused here
}

const std::vector<RawSection>& ConfigFile::sections() const {
  if (!m_sections) {
    m_sections = read_sections();
  }
  return *m_sections;
}

ConfigFile ConfigFile::load(const fs::path& path, FileKind kind) {
  auto text = os::read_file(path);
  return from_text(path, kind, std::move(text).value_or(std::string{}));
}

ConfigFile ConfigFile::from_text(fs::path path, FileKind kind, std::string text) {
  return ConfigFile(std::move(path), kind, ini::Document::parse(std::move(text)));
}

std::vector<RawSection> ConfigFile::read_sections() const {
  if (const auto& error = m_document.error()) {
    throw Error(
        ErrorKind::parse, file_position(m_path, error->line) + ": " + error->message,
        "fix that line (botocore and the AWS CLI refuse the file too); rolehelper changed nothing");
  }
  std::vector<RawSection> result;
  const auto& sections = m_document.sections();
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& section = sections[i];
    if (section.is_defaults()) {
      continue;
    }
    RawSection raw{section.name, section.line, i, {}};
    for (const ini::Entry* entry : m_document.items(section)) {
      raw.settings.push_back(Setting{
          entry->key, entry->value, parse_nested(m_document, *entry, m_path), m_kind, entry->line});
    }
    result.push_back(std::move(raw));
  }
  return result;
}

namespace {
// The document knows the section, not the file: say which file could not be edited.
template <typename Edit>
auto in_file(const fs::path& path, Edit edit) {
  try {
    return edit();
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::config) {
      throw;
    }
    throw Error(error.kind(), path.string() + ": " + error.what(), error.hint());
  }
}
}  // namespace

void ConfigFile::update_section(std::size_t document_index,
                                const std::vector<ini::Document::KeyChange>& changes) {
  in_file(m_path, [&] { m_document.update_section(document_index, changes); });
  m_sections.reset();
}

std::size_t ConfigFile::append_section(std::string_view name) {
  const auto index = in_file(m_path, [&] { return m_document.append_section(name); });
  m_sections.reset();
  return index;
}

void ConfigFile::remove_section(std::size_t document_index) {
  in_file(m_path, [&] { m_document.remove_section(document_index); });
  m_sections.reset();
}

}  // namespace rolehelper::aws
