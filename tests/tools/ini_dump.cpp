// SPDX-License-Identifier: MIT
// Test tool: prints what rolehelper reads from one config or credentials file, in the shape
// botocore.configloader returns (raw_config_parse, and build_profile_map for a config file),
// so tests/cli/botocore_differential.py can compare the two. Exit 1 when the file is refused.
#include <rolehelper/aws/config_file.hpp>
#include <rolehelper/aws/profile_map.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/json.hpp>

#include <iostream>
#include <string>

namespace {
using namespace rolehelper;
using util::JsonValue;

JsonValue settings_json(const std::vector<aws::Setting>& settings) {
  JsonValue object = JsonValue::Object{};
  for (const auto& setting : settings) {
    if (setting.nested) {
      JsonValue nested = JsonValue::Object{};
      for (const auto& [key, value] : *setting.nested) {
        nested.set(key, value);
      }
      object.set(setting.key, std::move(nested));
    } else {
      object.set(setting.key, setting.value);
    }
  }
  return object;
}

JsonValue named_json(const std::vector<aws::NamedSettings>& items) {
  JsonValue object = JsonValue::Object{};
  for (const auto& item : items) {
    object.set(item.name, settings_json(item.settings));
  }
  return object;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || std::string(argv[1]) != "--kind" ||
      (std::string(argv[2]) != "config" && std::string(argv[2]) != "credentials")) {
    std::cerr << "usage: rolehelper_ini_dump --kind config|credentials FILE\n";
    return 2;
  }
  const bool config = std::string(argv[2]) == "config";
  try {
    const auto file =
        aws::ConfigFile::load(argv[3], config ? aws::FileKind::config : aws::FileKind::credentials);
    JsonValue result = JsonValue::Object{};
    result.set("ok", true);
    JsonValue sections = JsonValue::Object{};
    for (const auto& section : file.sections()) {
      sections.set(section.name, settings_json(section.settings));
    }
    result.set("sections", std::move(sections));
    if (config) {
      const auto view = aws::build_profile_map(file);
      JsonValue map = named_json(view.others);
      map.set("profiles", named_json(view.profiles));
      map.set("sso_sessions", named_json(view.sso_sessions));
      map.set("services", named_json(view.services));
      result.set("profile_map", std::move(map));
    }
    std::cout << util::to_json(result) << '\n';
    return 0;
  } catch (const util::Error& error) {
    // The message starts with "path:line: "; take the line from it.
    const std::string message = error.what();
    const std::string path = argv[3];
    JsonValue line;
    if (message.starts_with(path + ":")) {
      const auto rest = message.substr(path.size() + 1);
      const auto colon = rest.find(':');
      line = JsonValue(static_cast<std::int64_t>(std::stoll(rest.substr(0, colon))));
    }
    JsonValue result = JsonValue::Object{};
    result.set("ok", false).set("line", line).set("error", message);
    std::cout << util::to_json(result) << '\n';
    return 1;
  }
}
