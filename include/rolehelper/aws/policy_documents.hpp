// SPDX-License-Identifier: MIT
// The two IAM policies that let a user assume a role, as the seeds' walkthroughs write them by
// hand: the role's trust policy naming who may assume it, and the caller's permission policy
// allowing sts:AssumeRole on the role. Inputs are checked first; a bad one throws Error(usage)
// naming it.
#pragma once

#include <rolehelper/util/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace rolehelper::aws {

struct TrustPolicyInput {
  // IAM ARNs (user, role, root, assumed-role session) as written, or 12-digit account ids,
  // which become the account's root ARN (arn:aws:iam::ACCOUNT:root).
  std::vector<std::string> principals;
  std::optional<std::string> external_id;  // StringEquals sts:ExternalId
  bool require_mfa = false;                // Bool aws:MultiFactorAuthPresent
};

[[nodiscard]] util::JsonValue trust_policy(const TrustPolicyInput& input);
[[nodiscard]] util::JsonValue allow_assume_policy(const std::vector<std::string>& role_arns);

}  // namespace rolehelper::aws
