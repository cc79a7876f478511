// SPDX-License-Identifier: MIT
// make_provider: the provider for a profile, one branch per credential source, following
// source_profile chains (role to role to keys) as botocore does. A loop is an
// Error(config) that names it; a credential_process line that runs `rolehelper get OTHER`
// is resolved here, in-process, never by running rolehelper again. With a cache, every role
// session of the chain is cached under a key that holds its source's identity.
#pragma once

#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/cache/encrypted_cache.hpp>
#include <rolehelper/credentials/mfa.hpp>
#include <rolehelper/credentials/provider.hpp>
#include <rolehelper/net/sts_client.hpp>
#include <rolehelper/os/process.hpp>
#include <rolehelper/util/log.hpp>

#include <memory>
#include <string_view>

namespace rolehelper::credentials {

struct ProviderDependencies {
  const aws::ConfigFiles& files;
  const os::Environment& env;
  net::HttpClient& http;
  std::shared_ptr<net::StsClient>
      sts;  // every STS call of the chain goes to the requested profile's endpoint
  os::ProcessRunner& runner;
  MfaSources mfa;
  const util::Clock& clock;
  const util::Logger& log;
  // Profiles already being resolved by the rolehelper processes that ran this one.
  std::vector<std::string> outer_chain = {};
  // Where role sessions are cached; none with --no-cache.
  std::shared_ptr<const cache::EncryptedCache> cache = nullptr;
};

// The variable that carries the chain of profiles to child processes (aws-facts §1.4).
inline constexpr std::string_view k_chain_variable = "ROLEHELPER_PROFILE_CHAIN";
[[nodiscard]] std::vector<std::string> chain_from_environment(const os::Environment& env);

[[nodiscard]] std::unique_ptr<Provider> make_provider(std::string_view profile,
                                                      const ProviderDependencies& deps);

// The profile a credential_process line hands to rolehelper ("rolehelper [-v] get [options]
// NAME"), if it does and names no other config files.
[[nodiscard]] std::optional<std::string> rolehelper_target(std::string_view credential_process);

}  // namespace rolehelper::credentials
