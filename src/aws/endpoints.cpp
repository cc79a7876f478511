// SPDX-License-Identifier: MIT
// Partitions as in botocore's data/partitions.json; STS rules from its endpoint-rule-set-1.
#include <rolehelper/aws/endpoints.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/strings.hpp>

#include <algorithm>
#include <array>

namespace rolehelper::aws {
using util::Error;
using util::ErrorKind;

namespace {

struct Partition {
  std::string_view name;
  std::string_view dns_suffix;
  std::string_view dual_stack_suffix;
};

constexpr Partition k_aws{"aws", "amazonaws.com", "api.aws"};

// "http(s)://host..." with a non-empty host (the aws layer cannot use net::parse_url).
std::optional<std::string_view> net_style_url_ok(std::string_view url) {
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (url.size() > scheme.size() && util::iequals_ascii(url.substr(0, scheme.size()), scheme) &&
        url[scheme.size()] != '/') {
      return url;
    }
  }
  return std::nullopt;
}

bool is_word(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_number(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Partition partition_of(std::string_view region) {
  const auto parts = util::split(region, '-');
  const auto prefixed = [&](std::initializer_list<std::string_view> prefix) {
    if (parts.size() != prefix.size() + 2 || !is_word(parts[parts.size() - 2]) ||
        !is_number(parts.back())) {
      return false;
    }
    std::size_t i = 0;
    for (const auto word : prefix) {
      if (parts[i++] != word) {
        return false;
      }
    }
    return true;
  };
  if (prefixed({"us", "gov"})) {
    return {"aws-us-gov", "amazonaws.com", "api.aws"};
  }
  if (prefixed({"us", "iso"})) {
    return {"aws-iso", "c2s.ic.gov", "c2s.ic.gov"};
  }
  if (prefixed({"us", "isob"})) {
    return {"aws-iso-b", "sc2s.sgov.gov", "sc2s.sgov.gov"};
  }
  if (prefixed({"us", "isof"})) {
    return {"aws-iso-f", "csp.hci.ic.gov", "csp.hci.ic.gov"};
  }
  if (prefixed({"eu", "isoe"})) {
    return {"aws-iso-e", "cloud.adc-e.uk", "cloud.adc-e.uk"};
  }
  if (prefixed({"eusc", "de"})) {
    return {"aws-eusc", "amazonaws.eu", "amazonaws.eu"};
  }
  if (prefixed({"cn"})) {
    return {"aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn"};
  }
  return k_aws;  // botocore's fallback for regions it does not know
}

bool truthy(const std::optional<std::string>& value) {
  return value && util::iequals_ascii(*value, "true");
}

std::optional<std::string> setting(const Profile* profile, std::string_view key) {
  return profile == nullptr ? std::nullopt : profile->value(key);
}

// A boolean setting: the variable when it is set, else the profile key (botocore's order).
bool flag(const os::Environment& env, std::string_view variable, const Profile* profile,
          std::string_view key) {
  if (auto value = env.get_nonempty(variable)) {
    return truthy(value);
  }
  return truthy(setting(profile, key));
}

std::string checked_url(std::string url, std::string_view where) {
  if (!net_style_url_ok(url)) {
    throw Error(
        ErrorKind::config,
        "the STS endpoint URL '" + url + "' from " + std::string(where) + " is not an http(s) URL",
        "write it with its scheme, e.g. https://sts.example.com");
  }
  return url;
}

std::optional<std::string> configured_url(const Profile* profile,
                                          const std::vector<NamedSettings>& services,
                                          const os::Environment& env) {
  if (flag(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", profile,
           "ignore_configured_endpoint_urls")) {
    return std::nullopt;
  }
  if (auto url = env.get_nonempty("AWS_ENDPOINT_URL_STS")) {
    return checked_url(*url, "AWS_ENDPOINT_URL_STS");
  }
  if (auto url = env.get_nonempty("AWS_ENDPOINT_URL")) {
    return checked_url(*url, "AWS_ENDPOINT_URL");
  }
  if (auto name = setting(profile, "services")) {
    const auto it = std::find_if(services.begin(), services.end(),
                                 [&](const NamedSettings& s) { return s.name == *name; });
    if (it == services.end()) {
      throw Error(ErrorKind::config,
                  "profile '" + profile->name + "' names services '" + *name +
                      "', which has no [services " + *name + "] section",
                  "add the section or remove the services line");
    }
    for (const auto& entry : it->settings) {
      if (entry.key == "sts" && entry.nested) {
        for (const auto& [key, value] : *entry.nested) {
          if (key == "endpoint_url") {
            return checked_url(value, "the [services " + *name + "] section");
          }
        }
      }
    }
  }
  if (auto url = setting(profile, "endpoint_url")) {
    return checked_url(*url, "the profile's endpoint_url");
  }
  return std::nullopt;
}

}  // namespace

std::string_view partition_dns_suffix(std::string_view region) noexcept {
  try {
    return partition_of(region).dns_suffix;
  } catch (...) {
    return k_aws.dns_suffix;
  }
}

std::string resolve_region(const std::optional<std::string>& flag, const Profile* profile,
                           const os::Environment& env) {
  if (flag && !flag->empty()) {
    return *flag;
  }
  if (auto region = setting(profile, "region"); region && !region->empty()) {
    return *region;
  }
  if (auto region = env.get_nonempty("AWS_REGION")) {
    return *region;
  }
  if (auto region = env.get_nonempty("AWS_DEFAULT_REGION")) {
    return *region;
  }
  return "us-east-1";
}

StsLocation resolve_sts_location(std::string_view region, const Profile* profile,
                                 const std::vector<NamedSettings>& services,
                                 const os::Environment& env) {
  const bool fips = flag(env, "AWS_USE_FIPS_ENDPOINT", profile, "use_fips_endpoint");
  const bool dual_stack =
      flag(env, "AWS_USE_DUALSTACK_ENDPOINT", profile, "use_dualstack_endpoint");
  if (auto url = configured_url(profile, services, env)) {
    if (fips || dual_stack) {
      throw Error(
          ErrorKind::config,
          "a configured STS endpoint URL cannot be combined with FIPS or dual-stack",
          "remove the endpoint URL or the use_fips_endpoint / use_dualstack_endpoint setting");
    }
    return {*url, std::string(region), true};
  }
  if (region == "aws-global") {
    return {"https://sts.amazonaws.com", "us-east-1", false};
  }
  const auto mode = env.get_nonempty("AWS_STS_REGIONAL_ENDPOINTS")
                        .value_or(setting(profile, "sts_regional_endpoints").value_or("regional"));
  if (mode != "legacy" && mode != "regional") {
    throw Error(
        ErrorKind::config,
        "sts_regional_endpoints is '" + mode + "'; botocore accepts only legacy or regional",
        "set AWS_STS_REGIONAL_ENDPOINTS or the profile's sts_regional_endpoints to regional");
  }
  constexpr std::array<std::string_view, 15> k_legacy_global{
      "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
      "eu-central-1",   "eu-north-1", "eu-west-1",      "eu-west-2",      "eu-west-3",
      "sa-east-1",      "us-east-1",  "us-east-2",      "us-west-1",      "us-west-2"};
  if (mode == "legacy" && !fips && !dual_stack &&
      std::find(k_legacy_global.begin(), k_legacy_global.end(), region) != k_legacy_global.end()) {
    return {"https://sts.amazonaws.com", "us-east-1", false};
  }
  const Partition partition = partition_of(region);
  const std::string r(region);
  if (fips && partition.name == "aws-us-gov" && !dual_stack) {
    return {"https://sts." + r + ".amazonaws.com", r,
            false};  // GovCloud's FIPS host is the regular one
  }
  const std::string host_prefix = fips ? "sts-fips." : "sts.";
  const std::string_view suffix = dual_stack ? partition.dual_stack_suffix : partition.dns_suffix;
  return {"https://" + host_prefix + r + "." + std::string(suffix), r, false};
}

}  // namespace rolehelper::aws
