// SPDX-License-Identifier: MIT
#include <rolehelper/app/credential_cache.hpp>
#include <rolehelper/app/profile_credentials.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/credentials/cached_provider.hpp>
#include <rolehelper/credentials/provider_factory.hpp>
#include <rolehelper/util/error.hpp>

namespace rolehelper::app {

namespace {

// Points the request's route at the entry the profile resolved to, so that the next get
// finds it without reading the config files.
void remember_route(const CredentialRequest& request, const credentials::Provider& provider,
                    const std::shared_ptr<const cache::EncryptedCache>& cache, const Context& ctx) {
  const auto cache_key = provider.cache_key();
  if (request.route == nullptr || !cache || !cache_key || !cache::may_be_stored(*request.route)) {
    return;
  }
  try {
    cache->store_route(*request.route, *cache_key);
  } catch (const util::Error& error) {
    ctx.log.debug(std::string("cannot write the cache route: ") + error.what());
  }
}

}  // namespace

StsSettings sts_settings(const aws::ConfigFiles& files, const std::string& profile,
                         const std::optional<std::string>& region_flag, const Context& ctx) {
  const aws::Profile* found = files.find_profile(profile);
  StsSettings settings;
  settings.region = aws::resolve_region(region_flag, found, ctx.env);
  settings.location = aws::resolve_sts_location(settings.region, found, files.services(), ctx.env);
  if (auto bundle = ctx.env.get_nonempty("AWS_CA_BUNDLE")) {
    settings.options.ca_bundle = bundle;
  } else if (found != nullptr) {
    settings.options.ca_bundle = found->value("ca_bundle");
  }
  return settings;
}

std::unique_ptr<credentials::Provider> build_provider(
    const aws::ConfigFiles& files, const std::string& profile, std::shared_ptr<net::StsClient> sts,
    std::optional<std::string> mfa_token, std::shared_ptr<const cache::EncryptedCache> cache,
    const Context& ctx) {
  credentials::MfaSources mfa{std::move(mfa_token), &ctx.prompt, &ctx.runner, &ctx.env};
  const credentials::ProviderDependencies deps{
      files,           ctx.env,    ctx.http,
      std::move(sts),  ctx.runner, mfa,
      ctx.clock,       ctx.log,    credentials::chain_from_environment(ctx.env),
      std::move(cache)};
  return credentials::make_provider(profile, deps);
}

ProfileCredentials fetch_profile_credentials(const CredentialRequest& request, Context& ctx) {
  const auto files = aws::ConfigFiles::load(ctx.aws_files());
  const auto settings = sts_settings(files, request.profile, request.region, ctx);
  auto sts = std::make_shared<net::StsClient>(
      ctx.http, net::StsEndpoint{settings.location.url, settings.location.signing_region},
      settings.options, ctx.clock);
  ctx.log.debug("profile '" + request.profile + "': region " + settings.region + ", STS at " +
                settings.location.url);
  const auto cache = request.use_cache ? open_credential_cache(ctx) : nullptr;
  auto provider = build_provider(files, request.profile, sts, request.mfa_token, cache, ctx);
  ctx.log.debug("profile '" + request.profile + "': " + provider->describe());
  if (auto* cached = dynamic_cast<credentials::CachedProvider*>(provider.get());
      cached != nullptr && request.refresh) {
    cached->force_refresh();
  }
  ProfileCredentials result{provider->retrieve(), settings.region, sts};
  remember_route(request, *provider, cache, ctx);
  return result;
}

}  // namespace rolehelper::app
