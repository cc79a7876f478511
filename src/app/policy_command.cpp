// SPDX-License-Identifier: MIT
#include <rolehelper/app/policy_command.hpp>

#include <ostream>

namespace rolehelper::app {

void run_policy_trust(const aws::TrustPolicyInput& input, Context& ctx) {
  ctx.out << util::to_json_pretty(aws::trust_policy(input));
}

void run_policy_allow_assume(const std::vector<std::string>& role_arns, Context& ctx) {
  ctx.out << util::to_json_pretty(aws::allow_assume_policy(role_arns));
}

}  // namespace rolehelper::app
