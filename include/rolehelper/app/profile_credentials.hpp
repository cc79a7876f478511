// SPDX-License-Identifier: MIT
// The credentials of a profile, as get, exec and whoami need them: reads both config files,
// picks the region and the STS endpoint of the requested profile, builds its provider chain
// and retrieves, with role sessions cached unless asked not to. Errors name the profile once.
#pragma once

#include <rolehelper/app/context.hpp>
#include <rolehelper/aws/credentials.hpp>
#include <rolehelper/cache/route.hpp>
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

}  // namespace rolehelper::app
