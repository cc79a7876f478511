// SPDX-License-Identifier: MIT
// Checks of the values rolehelper writes into config files, each with the rule STS or IAM
// applies (STS API Reference, AssumeRole). Each returns an explanation of what is wrong, or
// std::nullopt when the value is acceptable; none of them echoes a secret.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::aws {

using Problem = std::optional<std::string>;

// Profile names rolehelper creates: [A-Za-z0-9_.@-], 1-64 characters, which every SDK's parser
// reads the same way (aws-facts §2.5).
[[nodiscard]] Problem check_profile_name(std::string_view name);
// arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME
[[nodiscard]] Problem check_role_arn(std::string_view arn);
// 900..43200 seconds, digits only.
[[nodiscard]] Problem check_duration_seconds(std::string_view seconds);
// [\w+=,.@-]{2,64}
[[nodiscard]] Problem check_role_session_name(std::string_view name);
// [\w+=,.@:/-]{2,1224}
[[nodiscard]] Problem check_external_id(std::string_view id);
// [\w+=/:,.@-]{9,256}: a device serial or arn:PARTITION:iam::ACCOUNT:mfa/NAME
[[nodiscard]] Problem check_mfa_serial(std::string_view serial);
// Environment, Ec2InstanceMetadata or EcsContainer, case-sensitive as botocore checks it.
[[nodiscard]] Problem check_credential_source(std::string_view source);
// Region names such as us-east-1, us-gov-west-1, cn-north-1, eu-isoe-west-1.
[[nodiscard]] Problem check_region(std::string_view region);
// Long-term access key ids: 16-128 upper-case letters and digits.
[[nodiscard]] Problem check_access_key_id(std::string_view id);
// Secret access keys: 16-128 characters of the base64 alphabet. Names no character of it.
[[nodiscard]] Problem check_secret_access_key(std::string_view secret);

}  // namespace rolehelper::aws
