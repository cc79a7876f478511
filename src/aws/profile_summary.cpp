// SPDX-License-Identifier: MIT
#include <rolehelper/aws/profile_summary.hpp>
#include <rolehelper/util/redact.hpp>

namespace rolehelper::aws {

ProfileKind profile_kind(const Profile& profile) {
  if (profile.find("rolehelper_role_arn")) {
    return ProfileKind::rolehelper_role;
  }
  if (profile.find("role_arn") && !profile.find("web_identity_token_file")) {
    return ProfileKind::role;
  }
  if (profile.find("web_identity_token_file")) {
    return ProfileKind::web_identity;
  }
  if (profile.find("sso_session") || profile.find("sso_start_url")) {
    return ProfileKind::sso;
  }
  if (profile.find("aws_access_key_id")) {
    return ProfileKind::static_keys;
  }
  if (profile.find("credential_process")) {
    return ProfileKind::process;
  }
  return ProfileKind::settings_only;
}

std::string_view to_string(ProfileKind kind) noexcept {
  switch (kind) {
    case ProfileKind::rolehelper_role:
      return "rolehelper-role";
    case ProfileKind::role:
      return "role";
    case ProfileKind::web_identity:
      return "web-identity";
    case ProfileKind::sso:
      return "sso";
    case ProfileKind::static_keys:
      return "static-keys";
    case ProfileKind::process:
      return "process";
    case ProfileKind::settings_only:
      return "settings";
  }
  return "settings";
}

std::string profile_detail(const Profile& profile) {
  const auto role = [&](std::string_view prefix) {
    std::string text = profile.value(std::string(prefix) + "role_arn").value_or("");
    if (auto source = profile.value(std::string(prefix) + "source_profile")) {
      text += " via profile " + *source;
    } else if (auto source_kind = profile.value(std::string(prefix) + "credential_source")) {
      text += " via " + *source_kind;
    }
    return text;
  };
  switch (profile_kind(profile)) {
    case ProfileKind::rolehelper_role:
      return role("rolehelper_");
    case ProfileKind::role:
      return role("");
    case ProfileKind::web_identity:
      return profile.value("role_arn").value_or("") + " with token file " +
             profile.value("web_identity_token_file").value_or("");
    case ProfileKind::sso:
      return profile.value("sso_session").value_or(profile.value("sso_start_url").value_or(""));
    case ProfileKind::static_keys:
      return "access key " + util::redact_key_id(profile.value("aws_access_key_id").value_or(""));
    case ProfileKind::process:
      return profile.value("credential_process").value_or("");
    case ProfileKind::settings_only:
      break;
  }
  return profile.value("region").value_or("");
}

}  // namespace rolehelper::aws
