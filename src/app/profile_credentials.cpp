// SPDX-License-Identifier: MIT
#include <rolehelper/app/credential_cache.hpp>
#include <rolehelper/app/profile_credentials.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/aws/endpoints.hpp>
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

ProfileCredentials fetch_profile_credentials(const CredentialRequest& request, Context& ctx) {
  const auto files = aws::ConfigFiles::load(ctx.aws_files());
  const aws::Profile* profile = files.find_profile(request.profile);
  const std::string region = aws::resolve_region(request.region, profile, ctx.env);
  const auto location = aws::resolve_sts_location(region, profile, files.services(), ctx.env);

  net::HttpOptions options;
  if (auto bundle = ctx.env.get_nonempty("AWS_CA_BUNDLE")) {
    options.ca_bundle = bundle;
  } else if (profile != nullptr) {
    options.ca_bundle = profile->value("ca_bundle");
  }
  auto sts = std::make_shared<net::StsClient>(
      ctx.http, net::StsEndpoint{location.url, location.signing_region}, options, ctx.clock);
  ctx.log.debug("profile '" + request.profile + "': region " + region + ", STS at " + location.url);

  credentials::MfaSources mfa{request.mfa_token, &ctx.prompt, &ctx.runner, &ctx.env};
  const credentials::ProviderDependencies deps{
      files,
      ctx.env,
      ctx.http,
      sts,
      ctx.runner,
      mfa,
      ctx.clock,
      ctx.log,
      credentials::chain_from_environment(ctx.env),
      request.use_cache ? open_credential_cache(ctx) : nullptr};
  auto provider = credentials::make_provider(request.profile, deps);
  ctx.log.debug("profile '" + request.profile + "': " + provider->describe());
  if (auto* cached = dynamic_cast<credentials::CachedProvider*>(provider.get());
      cached != nullptr && request.refresh) {
    cached->force_refresh();
  }
  ProfileCredentials result{provider->retrieve(), region, sts};
  remember_route(request, *provider, deps.cache, ctx);
  return result;
}

}  // namespace rolehelper::app
