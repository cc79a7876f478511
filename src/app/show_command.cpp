// SPDX-License-Identifier: MIT
#include <rolehelper/app/show_command.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/aws/profile_summary.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/json.hpp>
#include <rolehelper/util/redact.hpp>

#include <algorithm>
#include <ostream>

namespace rolehelper::app {
using util::Error;
using util::ErrorKind;
using util::JsonValue;

namespace {

std::string shown_value(std::string_view key, const std::string& value) {
  if (key == "aws_access_key_id") {
    return util::redact_key_id(value);
  }
  if (util::is_secret_setting(key)) {
    return std::string(util::k_masked_secret);
  }
  return value;
}

std::string origin(const Context& ctx, const aws::Setting& setting, const aws::ConfigFiles& files) {
  const auto& file = setting.file == aws::FileKind::config ? files.config() : files.credentials();
  return aws::file_position(ctx.display_path(file.path()), setting.line);
}

}  // namespace

void run_show(const ShowInput& input, Context& ctx) {
  const auto paths = ctx.aws_files();
  const auto files = aws::ConfigFiles::load(paths);
  const auto* profile = files.find_profile(input.name);
  if (profile == nullptr) {
    throw Error(ErrorKind::config,
                "no profile '" + input.name + "' in " + ctx.display_path(paths.config) + " or " +
                    ctx.display_path(paths.credentials),
                "run rolehelper list to see the profiles");
  }
  const auto kind = std::string(aws::to_string(aws::profile_kind(*profile)));
  const auto detail = aws::profile_detail(*profile);

  if (input.json) {
    JsonValue settings = JsonValue::Object{};
    JsonValue origins = JsonValue::Object{};
    for (const auto& setting : profile->settings) {
      if (setting.nested) {
        JsonValue nested = JsonValue::Object{};
        for (const auto& [key, value] : *setting.nested) {
          nested.set(key, shown_value(key, value));
        }
        settings.set(setting.key, std::move(nested));
      } else {
        settings.set(setting.key, shown_value(setting.key, setting.value));
      }
      origins.set(setting.key, origin(ctx, setting, files));
    }
    JsonValue result = JsonValue::Object{};
    result.set("name", profile->name).set("kind", kind).set("detail", detail);
    result.set("settings", std::move(settings)).set("origins", std::move(origins));
    ctx.out << util::to_json(result) << '\n';
    return;
  }

  ctx.out << "name: " << profile->name << '\n' << "kind: " << kind << '\n';
  if (!detail.empty()) {
    ctx.out << "detail: " << detail << '\n';
  }
  std::vector<std::pair<std::string, std::string>> rows;  // text, origin
  for (const auto& setting : profile->settings) {
    if (setting.nested) {
      rows.emplace_back(setting.key + " =", origin(ctx, setting, files));
      for (const auto& [key, value] : *setting.nested) {
        rows.emplace_back("  " + key + " = " + shown_value(key, value), "");
      }
    } else {
      // A multi-line value is shown on one line, its breaks as "\n".
      std::string value = shown_value(setting.key, setting.value);
      for (std::size_t pos = 0; (pos = value.find('\n', pos)) != std::string::npos; pos += 2) {
        value.replace(pos, 1, "\\n");
      }
      rows.emplace_back(setting.key + " = " + value, origin(ctx, setting, files));
    }
  }
  std::size_t width = 0;
  for (const auto& row : rows) {
    width = std::max(width, row.first.size());
  }
  ctx.out << "settings:\n";
  for (const auto& [text, where] : rows) {
    ctx.out << "  " << text;
    if (!where.empty()) {
      ctx.out << std::string(width - text.size() + 2, ' ') << "(" << where << ")";
    }
    ctx.out << '\n';
  }
}

}  // namespace rolehelper::app
