// SPDX-License-Identifier: MIT
// Chains as botocore's AssumeRoleProvider resolves them (aws-facts §3.3): a source profile
// with keys is used for its keys even if it also has a role; otherwise its own source.
#include <rolehelper/aws/profile_config.hpp>
#include <rolehelper/cache/cache_key.hpp>
#include <rolehelper/credentials/assume_role_provider.hpp>
#include <rolehelper/credentials/cached_provider.hpp>
#include <rolehelper/credentials/container_provider.hpp>
#include <rolehelper/credentials/environment_provider.hpp>
#include <rolehelper/credentials/instance_metadata_provider.hpp>
#include <rolehelper/credentials/process_provider.hpp>
#include <rolehelper/credentials/provider_factory.hpp>
#include <rolehelper/credentials/static_provider.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/shell_words.hpp>
#include <rolehelper/util/strings.hpp>

#include <algorithm>
#include <filesystem>

namespace rolehelper::credentials {
using util::Error;
using util::ErrorKind;

namespace {

constexpr std::size_t k_max_chain = 16;

class Builder {
 public:
  explicit Builder(const ProviderDependencies& deps) : m_deps(deps), m_chain(deps.outer_chain) {}

  std::unique_ptr<Provider> for_profile(const std::string& name, bool as_source) {
    enter(name);
    const auto* profile = m_deps.files.find_profile(name);
    if (profile == nullptr) {
      throw Error(ErrorKind::config,
                  m_chain.size() == 1
                      ? "no profile '" + name + "' in the config or credentials file"
                      : "profile '" + m_chain[m_chain.size() - 2] + "' names source profile '" +
                            name + "', which does not exist",
                  m_chain.size() == 1 ? "run rolehelper list to see the profiles"
                                      : "add it, e.g. rolehelper set-credentials " + name);
    }
    const auto config = aws::read_profile_config(*profile);
    // A source profile's own keys win over its role (botocore's rule for source profiles).
    if (as_source && config.static_keys) {
      return static_keys(config);
    }
    switch (config.kind) {
      case aws::CredentialKind::role:
        return role(config);
      case aws::CredentialKind::web_identity:
        return web_identity(config);
      case aws::CredentialKind::static_keys:
        return static_keys(config);
      case aws::CredentialKind::process:
        return process(config);
      case aws::CredentialKind::none:
        break;
    }
    throw Error(ErrorKind::config, "profile '" + name + "' has no credentials",
                "store keys with rolehelper set-credentials " + name +
                    ", or make it a role with rolehelper add-profile");
  }

 private:
  void enter(const std::string& name) {
    if (m_chain.size() >= k_max_chain) {
      throw Error(ErrorKind::config,
                  "profiles chain more than " + std::to_string(k_max_chain) +
                      " deep: " + util::join(m_chain, " -> "),
                  "shorten the chain of source profiles and credential_process lines");
    }
    if (std::find(m_chain.begin(), m_chain.end(), name) != m_chain.end()) {
      m_chain.push_back(name);
      throw Error(ErrorKind::config, "profiles form a loop: " + util::join(m_chain, " -> "),
                  "make one of them take its credentials from keys or a credential source");
    }
    m_chain.push_back(name);
    m_deps.log.debug("resolving profile '" + name + "'");
  }

  std::unique_ptr<Provider> static_keys(const aws::ProfileConfig& config) {
    const auto& keys = *config.static_keys;
    aws::Credentials credentials{
        keys.access_key_id, util::Secret(keys.secret_access_key), {}, {}, {}};
    if (keys.session_token) {
      credentials.session_token = util::Secret(*keys.session_token);
    }
    return std::make_unique<StaticProvider>(std::move(credentials),
                                            "the keys of profile '" + config.name + "'");
  }

  std::unique_ptr<Provider> process(const aws::ProfileConfig& config) {
    if (auto target = rolehelper_target(*config.credential_process)) {
      m_deps.log.debug("profile '" + config.name + "' runs rolehelper get " + *target +
                       ": resolved in-process");
      return for_profile(*target, false);
    }
    // A program that runs rolehelper again (through env, a script...) learns the chain so far
    // from the environment, so a loop across processes ends as one within a process does.
    auto env = std::make_shared<os::Environment>(m_deps.env);
    env->set(std::string(k_chain_variable), util::join(m_chain, ","));
    return std::make_unique<ProcessProvider>(config.name, *config.credential_process, m_deps.runner,
                                             std::move(env));
  }

  std::unique_ptr<Provider> web_identity(const aws::ProfileConfig& config) {
    const auto& web = *config.web_identity;
    std::unique_ptr<Provider> provider = std::make_unique<WebIdentityProvider>(
        m_deps.sts, web.role_arn, web.token_file,
        web.role_session_name.value_or(default_session_name()));
    cache::CacheKeyInput key;
    key.role_session_name = web.role_session_name.value_or("");
    key.source_identity = "web identity token file " + web.token_file;
    return cached(config.name, web.role_arn, std::move(key), std::move(provider));
  }

  // The provider behind the cache, keyed by everything that changes the session it gets.
  std::unique_ptr<Provider> cached(const std::string& profile, const std::string& role_arn,
                                   cache::CacheKeyInput key, std::unique_ptr<Provider> provider) {
    if (!m_deps.cache) {
      return provider;
    }
    key.profile = profile;
    key.role_arn = role_arn;
    key.sts_endpoint = m_deps.sts->endpoint().url + " " + m_deps.sts->endpoint().signing_region;
    CachedSession session{cache::cache_key(key), profile, role_arn};
    return std::make_unique<CachedProvider>(std::move(provider), std::move(session), m_deps.cache,
                                            m_deps.clock, m_deps.log);
  }

  std::unique_ptr<Provider> role(const aws::ProfileConfig& config) {
    const auto& role = *config.role;
    std::unique_ptr<Provider> source;
    if (role.credential_source) {
      source = credential_source(config.name, *role.credential_source);
    } else if (*role.source_profile == config.name) {
      // Allowed only with keys of its own: the keys assume the profile's role.
      if (!config.static_keys) {
        m_chain.push_back(config.name);
        throw Error(ErrorKind::config, "profiles form a loop: " + util::join(m_chain, " -> "),
                    "a profile may name itself as source profile only when it has keys");
      }
      source = static_keys(config);
    } else {
      source = for_profile(*role.source_profile, true);
    }
    net::AssumeRoleRequest request;
    request.role_arn = role.role_arn;
    request.role_session_name = role.role_session_name.value_or(default_session_name());
    request.duration_seconds = role.duration_seconds;
    request.external_id = role.external_id;
    request.serial_number = role.mfa_serial;
    cache::CacheKeyInput key;
    key.source_identity = source->identity();
    key.external_id = role.external_id.value_or("");
    key.role_session_name = role.role_session_name.value_or("");  // unset: a fresh name each time
    key.duration_seconds = role.duration_seconds ? std::to_string(*role.duration_seconds) : "";
    key.mfa_serial = role.mfa_serial.value_or("");
    std::unique_ptr<Provider> provider =
        std::make_unique<AssumeRoleProvider>(config.name, std::move(source), m_deps.sts,
                                             std::move(request), role.mfa_process, m_deps.mfa);
    return cached(config.name, role.role_arn, std::move(key), std::move(provider));
  }

  std::unique_ptr<Provider> credential_source(const std::string& profile,
                                              const std::string& source) {
    if (source == "Environment") {
      return std::make_unique<EnvironmentProvider>(m_deps.env);
    }
    if (source == "Ec2InstanceMetadata") {
      return std::make_unique<InstanceMetadataProvider>(m_deps.http, m_deps.env);
    }
    if (source == "EcsContainer") {
      return std::make_unique<ContainerProvider>(m_deps.http, m_deps.env);
    }
    throw Error(ErrorKind::config,
                "profile '" + profile + "' has credential_source '" + source + "'",
                "use Environment, Ec2InstanceMetadata or EcsContainer (case matters)");
  }

  std::string default_session_name() const {
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(m_deps.clock.now().time_since_epoch());
    return "rolehelper-" + std::to_string(seconds.count());
  }

  const ProviderDependencies& m_deps;
  std::vector<std::string> m_chain;
};

}  // namespace

std::optional<std::string> rolehelper_target(std::string_view credential_process) {
  const auto words = util::split_shell_words(credential_process);
  if (!words || words->empty() || std::filesystem::path((*words)[0]).filename() != "rolehelper") {
    return std::nullopt;
  }
  // rolehelper [-v] get [--format F] [--region R] [--mfa-token C] [--refresh] [--no-cache] [-v]
  // NAME Lines naming other files (--config-file, --credentials-file) are not resolved here.
  const auto takes_value = [](std::string_view word) {
    return word == "--format" || word == "--region" || word == "--mfa-token";
  };
  bool seen_get = false;
  for (std::size_t i = 1; i < words->size(); ++i) {
    const std::string& word = (*words)[i];
    if (word.starts_with("--config-file") || word.starts_with("--credentials-file")) {
      return std::nullopt;
    }
    if (!seen_get) {
      if (word == "get") {
        seen_get = true;
      } else if (word != "-v" && word != "--verbose") {
        return std::nullopt;
      }
    } else if (takes_value(word)) {
      ++i;
    } else if (!word.starts_with("-")) {
      return word;
    }
  }
  return std::nullopt;
}

std::vector<std::string> chain_from_environment(const os::Environment& env) {
  const auto value = env.get_nonempty(k_chain_variable);
  return value ? util::split(*value, ',') : std::vector<std::string>{};
}

std::unique_ptr<Provider> make_provider(std::string_view profile,
                                        const ProviderDependencies& deps) {
  return Builder(deps).for_profile(std::string(profile), false);
}

}  // namespace rolehelper::credentials
