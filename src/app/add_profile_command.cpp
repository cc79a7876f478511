// SPDX-License-Identifier: MIT
#include <rolehelper/app/add_profile_command.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/aws/validation.hpp>
#include <rolehelper/util/error.hpp>

#include <array>
#include <utility>
#include <vector>

namespace rolehelper::app {
using util::Error;
using util::ErrorKind;

namespace {

// Every key add-profile owns; --force removes those the new command line does not set.
constexpr std::array<std::string_view, 7> k_owned_keys{
    "rolehelper_role_arn",         "rolehelper_source_profile", "rolehelper_credential_source",
    "rolehelper_external_id",      "rolehelper_mfa_serial",     "rolehelper_duration_seconds",
    "rolehelper_role_session_name"};

void check(const aws::Problem& problem, std::string_view flag) {
  if (problem) {
    throw Error(ErrorKind::usage, std::string(flag) + ": " + *problem,
                "correct the value; nothing was written");
  }
}

void validate(const AddProfileInput& input) {
  check(aws::check_profile_name(input.name), "NAME");
  check(aws::check_role_arn(input.role_arn), "--role-arn");
  if (input.source_profile.has_value() == input.credential_source.has_value()) {
    throw Error(ErrorKind::usage, "give exactly one of --source-profile and --credential-source",
                "--source-profile names the profile whose credentials assume the role");
  }
  if (input.source_profile) {
    check(aws::check_profile_name(*input.source_profile), "--source-profile");
    if (*input.source_profile == input.name) {
      throw Error(
          ErrorKind::usage, "profile '" + input.name + "' cannot be its own source profile",
          "store keys in another profile with rolehelper set-credentials and name that one");
    }
  }
  if (input.credential_source) {
    check(aws::check_credential_source(*input.credential_source), "--credential-source");
  }
  if (input.external_id) {
    check(aws::check_external_id(*input.external_id), "--external-id");
  }
  if (input.mfa_serial) {
    check(aws::check_mfa_serial(*input.mfa_serial), "--mfa-serial");
  }
  if (input.duration_seconds) {
    check(aws::check_duration_seconds(*input.duration_seconds), "--duration-seconds");
  }
  if (input.role_session_name) {
    check(aws::check_role_session_name(*input.role_session_name), "--role-session-name");
  }
  if (input.region) {
    check(aws::check_region(*input.region), "--region");
  }
}

// The keys to write, in the order a new section lists them (cli.md "add-profile NAME").
std::vector<std::pair<std::string_view, std::string>> keys_for(const AddProfileInput& input) {
  std::vector<std::pair<std::string_view, std::string>> keys;
  keys.emplace_back("credential_process", "rolehelper get " + input.name);
  keys.emplace_back("rolehelper_role_arn", input.role_arn);
  const auto add = [&](std::string_view key, const std::optional<std::string>& value) {
    if (value) {
      keys.emplace_back(key, *value);
    }
  };
  add("rolehelper_source_profile", input.source_profile);
  add("rolehelper_credential_source", input.credential_source);
  add("rolehelper_external_id", input.external_id);
  add("rolehelper_mfa_serial", input.mfa_serial);
  add("rolehelper_duration_seconds", input.duration_seconds);
  add("rolehelper_role_session_name", input.role_session_name);
  add("region", input.region);
  return keys;
}

}  // namespace

void run_add_profile(const AddProfileInput& input, Context& ctx) {
  validate(input);
  const auto paths = ctx.aws_files();

  // Read-only checks first: a profile with keys in the credentials file would win over our
  // credential_process in every SDK, so the new profile would never run.
  const auto files = aws::ConfigFiles::load(paths);
  if (const auto* existing = files.find_profile(input.name);
      existing != nullptr && existing->credentials_section && existing->find("aws_access_key_id") &&
      existing->find("aws_access_key_id")->file == aws::FileKind::credentials) {
    throw Error(ErrorKind::config,
                "profile '" + input.name + "' has access keys in " +
                    ctx.display_path(paths.credentials) +
                    ", which the AWS CLI would use instead of rolehelper",
                "choose another name for the role profile");
  }

  bool updated = false;
  const auto outcome = aws::edit_config_file(
      paths.config, aws::FileKind::config,
      [&](aws::ConfigFile& config) {
        const auto sections = aws::config_sections_of(config, input.name);
        std::size_t index = 0;
        if (!sections.empty()) {
          index = sections.back();  // botocore uses the last one
          if (!input.force) {
            const auto line = config.document().sections()[index].line;
            throw Error(ErrorKind::config,
                        "profile '" + input.name + "' already exists at " +
                            aws::file_position(ctx.display_path(config.path()), line),
                        "add --force to update it in place, or choose another name");
          }
          updated = true;
          if (config.document().sections()[index].find("role_arn")) {
            ctx.log.warning("profile '" + input.name +
                            "' also has role_arn: the AWS CLI assumes that role itself and ignores "
                            "credential_process");
          }
        } else {
          index = config.append_section(aws::config_section_name(input.name));
        }
        const auto keys = keys_for(input);
        std::vector<ini::Document::KeyChange> changes;
        for (const auto owned : k_owned_keys) {
          const bool kept = std::any_of(keys.begin(), keys.end(),
                                        [&](const auto& kv) { return kv.first == owned; });
          if (!kept && config.document().sections()[index].find(owned) != nullptr) {
            changes.push_back({std::string(owned), std::nullopt});
          }
        }
        for (const auto& [key, value] : keys) {
          changes.push_back({std::string(key), value});
        }
        config.update_section(index, changes);
      },
      &ctx.log);

  const std::string where = ctx.display_path(outcome.written);
  if (!outcome.changed) {
    ctx.log.info("profile '" + input.name + "' in " + where + " already has these settings");
  } else {
    ctx.log.info(std::string(updated ? "updated" : "added") + " profile '" + input.name + "' in " +
                 where);
  }
  if (input.source_profile && files.find_profile(*input.source_profile) == nullptr) {
    ctx.log.warning("source profile '" + *input.source_profile +
                    "' does not exist yet; add its keys with: rolehelper set-credentials " +
                    *input.source_profile);
  }
}

}  // namespace rolehelper::app
