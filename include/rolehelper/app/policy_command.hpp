// SPDX-License-Identifier: MIT
// policy trust / policy allow-assume: print the role's trust policy or the caller's
// permission policy (aws/policy_documents.hpp), indented JSON ready for
// `aws iam create-role --assume-role-policy-document file://...` or the console.
#pragma once

#include <rolehelper/app/context.hpp>
#include <rolehelper/aws/policy_documents.hpp>

namespace rolehelper::app {

void run_policy_trust(const aws::TrustPolicyInput& input, Context& ctx);
void run_policy_allow_assume(const std::vector<std::string>& role_arns, Context& ctx);

}  // namespace rolehelper::app
