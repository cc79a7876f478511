// SPDX-License-Identifier: MIT
#include <rolehelper/app/list_command.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/aws/profile_summary.hpp>
#include <rolehelper/util/json.hpp>

#include <algorithm>
#include <ostream>

namespace rolehelper::app {
using util::JsonValue;

namespace {

JsonValue to_json_entry(const aws::Profile& profile) {
  JsonValue entry = JsonValue::Object{};
  entry.set("name", profile.name);
  entry.set("kind", std::string(aws::to_string(aws::profile_kind(profile))));
  for (const auto key :
       {"rolehelper_role_arn", "rolehelper_source_profile", "rolehelper_credential_source",
        "role_arn", "source_profile", "credential_source", "region"}) {
    if (auto value = profile.value(key)) {
      entry.set(key, *value);
    }
  }
  JsonValue::Array files;
  if (profile.config_section) {
    files.emplace_back("config");
  }
  if (profile.credentials_section) {
    files.emplace_back("credentials");
  }
  entry.set("files", std::move(files));
  return entry;
}

}  // namespace

void run_list(const ListInput& input, Context& ctx) {
  const auto files = aws::ConfigFiles::load(ctx.aws_files());
  const auto& profiles = files.profiles();
  if (input.json) {
    JsonValue::Array array;
    for (const auto& profile : profiles) {
      array.push_back(to_json_entry(profile));
    }
    ctx.out << util::to_json(JsonValue(std::move(array))) << '\n';
    return;
  }
  std::size_t name_width = 0;
  std::size_t kind_width = 0;
  for (const auto& profile : profiles) {
    name_width = std::max(name_width, profile.name.size());
    kind_width = std::max(kind_width, aws::to_string(aws::profile_kind(profile)).size());
  }
  for (const auto& profile : profiles) {
    const auto kind = aws::to_string(aws::profile_kind(profile));
    std::string line =
        profile.name + std::string(name_width - profile.name.size() + 2, ' ') + std::string(kind);
    const auto detail = aws::profile_detail(profile);
    if (!detail.empty()) {
      line += std::string(kind_width - kind.size() + 2, ' ') + detail;
    }
    ctx.out << line << '\n';
  }
}

}  // namespace rolehelper::app
