// SPDX-License-Identifier: MIT
// ARNs: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::aws {

struct Arn {
  std::string partition;
  std::string service;
  std::string region;
  std::string account;
  std::string resource;
};

// Splits an ARN into its six fields; std::nullopt if it does not have that shape.
[[nodiscard]] std::optional<Arn> parse_arn(std::string_view text);

[[nodiscard]] bool is_known_partition(std::string_view partition) noexcept;

}  // namespace rolehelper::aws
