// SPDX-License-Identifier: MIT
#include <rolehelper/aws/arn.hpp>

#include <array>

namespace rolehelper::aws {

std::optional<Arn> parse_arn(std::string_view text) {
  std::array<std::string_view, 5> fields{};
  std::size_t start = 0;
  for (auto& field : fields) {
    const auto colon = text.find(':', start);
    if (colon == std::string_view::npos) {
      return std::nullopt;
    }
    field = text.substr(start, colon - start);
    start = colon + 1;
  }
  if (fields[0] != "arn" || fields[1].empty() || fields[2].empty()) {
    return std::nullopt;
  }
  return Arn{std::string(fields[1]), std::string(fields[2]), std::string(fields[3]),
             std::string(fields[4]), std::string(text.substr(start))};
}

bool is_known_partition(std::string_view partition) noexcept {
  // data/partitions.json in botocore.
  constexpr std::array<std::string_view, 8> k_partitions{
      "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"};
  for (const auto known : k_partitions) {
    if (partition == known) {
      return true;
    }
  }
  return false;
}

}  // namespace rolehelper::aws
