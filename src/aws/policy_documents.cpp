// SPDX-License-Identifier: MIT
#include <rolehelper/aws/arn.hpp>
#include <rolehelper/aws/policy_documents.hpp>
#include <rolehelper/aws/validation.hpp>
#include <rolehelper/util/error.hpp>

#include <algorithm>

namespace rolehelper::aws {
using util::Error;
using util::ErrorKind;
using util::JsonValue;

namespace {

constexpr std::string_view k_policy_version = "2012-10-17";

bool is_account_id(std::string_view text) {
  return text.size() == 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string principal_arn(const std::string& principal) {
  if (is_account_id(principal)) {
    return "arn:aws:iam::" + principal + ":root";
  }
  // What IAM accepts as an AWS principal: an account's root, a user or role, or an STS
  // session; no region, no wildcard.
  const auto arn = parse_arn(principal);
  const auto is_principal_resource = [&] {
    const auto& resource = arn->resource;
    if (arn->service == "iam") {
      return resource == "root" || resource.starts_with("user/") || resource.starts_with("role/");
    }
    return arn->service == "sts" &&
           (resource.starts_with("assumed-role/") || resource.starts_with("federated-user/"));
  };
  if (!arn || !is_known_partition(arn->partition) || !is_account_id(arn->account) ||
      !arn->region.empty() || principal.find('*') != std::string::npos ||
      !is_principal_resource()) {
    throw Error(ErrorKind::usage,
                "--principal '" + principal +
                    "' is not an account id or the ARN of a user, role, root or STS session",
                "e.g. --principal arn:aws:iam::123456789012:user/Abcde or --principal "
                "123456789012");
  }
  return principal;
}

// One value as a string, several as an array: how people write (and AWS prints) policies.
JsonValue one_or_many(const std::vector<std::string>& values) {
  if (values.size() == 1) {
    return JsonValue(values.front());
  }
  JsonValue::Array array(values.begin(), values.end());
  return JsonValue(std::move(array));
}

JsonValue document(JsonValue statement) {
  JsonValue policy = JsonValue::Object{};
  policy.set("Version", k_policy_version).set("Statement", JsonValue::Array{std::move(statement)});
  return policy;
}

}  // namespace

JsonValue trust_policy(const TrustPolicyInput& input) {
  if (input.principals.empty()) {
    throw Error(ErrorKind::usage, "policy trust: give at least one --principal",
                "e.g. --principal arn:aws:iam::123456789012:user/Abcde");
  }
  std::vector<std::string> principals;
  for (const auto& principal : input.principals) {
    principals.push_back(principal_arn(principal));
  }
  if (input.external_id) {
    if (auto problem = check_external_id(*input.external_id)) {
      throw Error(ErrorKind::usage, "--external-id: " + *problem);
    }
  }
  JsonValue principal = JsonValue::Object{};
  principal.set("AWS", one_or_many(principals));
  JsonValue statement = JsonValue::Object{};
  statement.set("Effect", "Allow")
      .set("Principal", std::move(principal))
      .set("Action", "sts:AssumeRole");
  JsonValue condition = JsonValue::Object{};
  if (input.external_id) {
    JsonValue equals = JsonValue::Object{};
    equals.set("sts:ExternalId", *input.external_id);
    condition.set("StringEquals", std::move(equals));
  }
  if (input.require_mfa) {
    JsonValue present = JsonValue::Object{};
    present.set("aws:MultiFactorAuthPresent", "true");
    condition.set("Bool", std::move(present));
  }
  if (!condition.as_object()->empty()) {
    statement.set("Condition", std::move(condition));
  }
  return document(std::move(statement));
}

JsonValue allow_assume_policy(const std::vector<std::string>& role_arns) {
  if (role_arns.empty()) {
    throw Error(ErrorKind::usage, "policy allow-assume: give at least one --role-arn",
                "e.g. --role-arn arn:aws:iam::123456789012:role/Ghijk");
  }
  for (const auto& arn : role_arns) {
    if (auto problem = check_role_arn(arn)) {
      throw Error(ErrorKind::usage, "--role-arn: " + *problem);
    }
  }
  JsonValue statement = JsonValue::Object{};
  statement.set("Effect", "Allow")
      .set("Action", "sts:AssumeRole")
      .set("Resource", one_or_many(role_arns));
  return document(std::move(statement));
}

}  // namespace rolehelper::aws
