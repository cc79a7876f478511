// SPDX-License-Identifier: MIT
// What kind of profile a profile is, in the order botocore's credential chain would look at
// it (aws-facts §3.1): used by list, show and doctor to explain a profile in one line.
#pragma once

#include <rolehelper/aws/profile_map.hpp>

#include <string>
#include <string_view>

namespace rolehelper::aws {

enum class ProfileKind {
  rolehelper_role,  // rolehelper_role_arn: assumed by rolehelper through credential_process
  role,             // role_arn: assumed by the AWS CLI or SDK itself
  web_identity,     // web_identity_token_file
  sso,              // sso_session or sso_start_url
  static_keys,      // aws_access_key_id
  process,          // credential_process of another program
  settings_only,    // none of these: region and other settings
};

[[nodiscard]] ProfileKind profile_kind(const Profile& profile);
[[nodiscard]] std::string_view to_string(ProfileKind kind) noexcept;

// A short description without secrets, e.g. "arn:aws:iam::123456789012:role/Ghijk via default".
[[nodiscard]] std::string profile_detail(const Profile& profile);

}  // namespace rolehelper::aws
