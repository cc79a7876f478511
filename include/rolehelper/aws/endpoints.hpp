// SPDX-License-Identifier: MIT
// Where STS is and which region signs for it. Region: --region, the profile's region,
// AWS_REGION, AWS_DEFAULT_REGION, then us-east-1 (cli.md). Endpoint: AWS_ENDPOINT_URL_STS,
// AWS_ENDPOINT_URL, the profile's [services] block, the profile's endpoint_url, else the
// partition's regional endpoint (aws-facts §3.5, §4.1); FIPS and dual-stack as configured.
// Throws Error(config) on an invalid configuration: a bad sts_regional_endpoints, an
// endpoint URL without http(s), a services name without its section, or a configured URL
// together with FIPS or dual-stack (the STS endpoint rules refuse that; botocore ignores FIPS).
#pragma once

#include <rolehelper/aws/profile_map.hpp>
#include <rolehelper/os/environment.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::aws {

struct StsLocation {
  std::string url;  // https://sts.us-east-1.amazonaws.com, or the configured URL
  std::string signing_region;
  bool configured = false;  // from an endpoint setting rather than the partition rules
};

[[nodiscard]] std::string resolve_region(const std::optional<std::string>& flag,
                                         const Profile* profile, const os::Environment& env);

// `services` is the config file's [services NAME] sections (build_profile_map's view).
[[nodiscard]] StsLocation resolve_sts_location(std::string_view region, const Profile* profile,
                                               const std::vector<NamedSettings>& services,
                                               const os::Environment& env);

// The DNS suffix of a region's partition ("amazonaws.com", "amazonaws.com.cn", ...).
[[nodiscard]] std::string_view partition_dns_suffix(std::string_view region) noexcept;

}  // namespace rolehelper::aws
