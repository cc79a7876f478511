// SPDX-License-Identifier: MIT
// The credentials of a profile, as get, exec and whoami need them: reads both config files,
// picks the region and the STS endpoint of the requested profile, builds its provider chain
// and retrieves, with role sessions cached unless asked not to. Errors name the profile once.
#pragma once

#include <rolehelper/app/context.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/aws/credentials.hpp>
#include <rolehelper/aws/endpoints.hpp>
#include <rolehelper/cache/encrypted_cache.hpp>
#include <rolehelper/cache/route.hpp>
#include <rolehelper/credentials/provider.hpp>
#include <rolehelper/net/sts_client.hpp>

#include <memory>
#include <optional>
#include <string>

namespace rolehelper::app {

struct CredentialRequest {
  std::string profile;
  std::optional<std::string> region;     // --region
  std::optional<std::string> mfa_token;  // --mfa-token
  bool use_cache = true;                 // false: --no-cache
  bool refresh = false;                  // --refresh
  // When given, the route is pointed at the profile's cache entry for the next hit.
  const cache::Route* route = nullptr;
};

struct ProfileCredentials {
  aws::Credentials credentials;
  std::string region;
  std::shared_ptr<net::StsClient> sts;  // the profile's STS, for whoami
};

[[nodiscard]] ProfileCredentials fetch_profile_credentials(const CredentialRequest& request,
                                                           Context& ctx);

// Where a profile's STS calls go: its region (the --region flag, the profile's, the
// environment's), the endpoint, and the CA bundle (AWS_CA_BUNDLE, else the profile's).
struct StsSettings {
  std::string region;
  aws::StsLocation location;
  net::HttpOptions options;
};
[[nodiscard]] StsSettings sts_settings(const aws::ConfigFiles& files, const std::string& profile,
                                       const std::optional<std::string>& region_flag,
                                       const Context& ctx);

// The profile's provider chain as get builds it; nothing is retrieved yet. `files` must
// outlive the provider.
[[nodiscard]] std::unique_ptr<credentials::Provider> build_provider(
    const aws::ConfigFiles& files, const std::string& profile, std::shared_ptr<net::StsClient> sts,
    std::optional<std::string> mfa_token, std::shared_ptr<const cache::EncryptedCache> cache,
    const Context& ctx);

}  // namespace rolehelper::app
