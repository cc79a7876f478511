// SPDX-License-Identifier: MIT
// ProfileConfig: what a profile means for credentials, read from its merged settings. A
// profile written by add-profile keeps its role in rolehelper_* keys (role_arn would make
// the AWS CLI assume the role itself); one with the standard role_arn works the same way.
// Inconsistent settings (both source_profile and credential_source, a role with neither,
// keys without a secret) throw Error(config) naming the profile and the next step.
#pragma once

#include <rolehelper/aws/profile_map.hpp>

#include <optional>
#include <string>

namespace rolehelper::aws {

struct RoleConfig {
  std::string role_arn;
  std::optional<std::string> source_profile;
  std::optional<std::string> credential_source;
  std::optional<std::string> external_id;
  std::optional<std::string> mfa_serial;
  std::optional<std::string> mfa_process;
  std::optional<int> duration_seconds;
  std::optional<std::string> role_session_name;
  bool rolehelper_keys = false;  // from rolehelper_* keys rather than the standard ones
};

struct StaticKeys {
  std::string access_key_id;
  std::string secret_access_key;  // moved into a Secret by the provider
  std::optional<std::string> session_token;
};

struct WebIdentityConfig {
  std::string role_arn;
  std::string token_file;
  std::optional<std::string> role_session_name;
};

enum class CredentialKind { role, web_identity, static_keys, process, none };

struct ProfileConfig {
  std::string name;
  CredentialKind kind = CredentialKind::none;
  std::optional<RoleConfig> role;
  std::optional<WebIdentityConfig> web_identity;
  std::optional<StaticKeys> static_keys;  // present whenever the profile has keys
  std::optional<std::string> credential_process;
};

// Reads the profile in botocore's order: role, web identity, static keys, credential_process.
[[nodiscard]] ProfileConfig read_profile_config(const Profile& profile);

}  // namespace rolehelper::aws
