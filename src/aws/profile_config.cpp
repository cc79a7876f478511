// SPDX-License-Identifier: MIT
// botocore's rules (aws-facts §3.2, §3.3): exactly one of source_profile and
// credential_source; duration_seconds that is not a number is dropped; keys need a secret.
#include <rolehelper/aws/profile_config.hpp>
#include <rolehelper/util/error.hpp>

#include <charconv>

namespace rolehelper::aws {
using util::Error;
using util::ErrorKind;

namespace {

std::optional<int> to_int(const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  int value = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc{} || ptr != end) {
    return std::nullopt;
  }
  return value;
}

RoleConfig read_role(const Profile& profile, std::string_view prefix) {
  const auto get = [&](std::string_view key) {
    return profile.value(std::string(prefix) + std::string(key));
  };
  RoleConfig role;
  role.role_arn = *get("role_arn");
  role.source_profile = get("source_profile");
  role.credential_source = get("credential_source");
  role.external_id = get("external_id");
  role.mfa_serial = get("mfa_serial");
  role.role_session_name = get("role_session_name");
  role.duration_seconds = to_int(get("duration_seconds"));
  role.mfa_process = profile.value("rolehelper_mfa_process");
  role.rolehelper_keys = !prefix.empty();
  const std::string keys = prefix.empty()
                               ? "source_profile and credential_source"
                               : "rolehelper_source_profile and rolehelper_credential_source";
  if (role.source_profile && role.credential_source) {
    throw Error(ErrorKind::config, "profile '" + profile.name + "' has both " + keys,
                "keep one of them (rolehelper add-profile --force rewrites the profile)");
  }
  if (!role.source_profile && !role.credential_source) {
    throw Error(
        ErrorKind::config, "profile '" + profile.name + "' assumes a role but has neither " + keys,
        "say where the credentials that assume the role come from, e.g. rolehelper add-profile " +
            profile.name + " --role-arn " + role.role_arn + " --source-profile default --force");
  }
  if (prefix.empty() && role.duration_seconds && *role.duration_seconds <= 0) {
    role.duration_seconds.reset();
  }
  if (!prefix.empty() && get("duration_seconds") && !role.duration_seconds) {
    throw Error(
        ErrorKind::config,
        "profile '" + profile.name + "' has a rolehelper_duration_seconds that is not a number",
        "set it to 900..43200 with rolehelper add-profile --force --duration-seconds N");
  }
  return role;
}

}  // namespace

ProfileConfig read_profile_config(const Profile& profile) {
  ProfileConfig config;
  config.name = profile.name;
  if (auto id = profile.value("aws_access_key_id")) {
    auto secret = profile.value("aws_secret_access_key");
    if (!secret) {
      throw Error(
          ErrorKind::config,
          "profile '" + profile.name + "' has aws_access_key_id but no aws_secret_access_key",
          "store both with rolehelper set-credentials " + profile.name);
    }
    auto token = profile.value("aws_session_token");
    if (!token) {
      token = profile.value("aws_security_token");
    }
    config.static_keys = StaticKeys{*id, *secret, token};
  }
  config.credential_process = profile.value("credential_process");

  if (profile.find("rolehelper_role_arn")) {
    config.kind = CredentialKind::role;
    config.role = read_role(profile, "rolehelper_");
  } else if (profile.find("role_arn") && !profile.find("web_identity_token_file")) {
    config.kind = CredentialKind::role;
    config.role = read_role(profile, "");
  } else if (auto token_file = profile.value("web_identity_token_file")) {
    auto arn = profile.value("role_arn");
    if (!arn) {
      throw Error(ErrorKind::config,
                  "profile '" + profile.name + "' has web_identity_token_file but no role_arn",
                  "add the role_arn the token is for");
    }
    config.kind = CredentialKind::web_identity;
    config.web_identity = WebIdentityConfig{*arn, *token_file, profile.value("role_session_name")};
  } else if (config.static_keys) {
    config.kind = CredentialKind::static_keys;
  } else if (config.credential_process) {
    config.kind = CredentialKind::process;
  }
  return config;
}

}  // namespace rolehelper::aws
