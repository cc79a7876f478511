// SPDX-License-Identifier: MIT
#include <rolehelper/app/profile_credentials.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/aws/endpoints.hpp>
#include <rolehelper/credentials/provider_factory.hpp>
#include <rolehelper/util/error.hpp>

namespace rolehelper::app {

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
      files,     ctx.env,    ctx.http,
      sts,       ctx.runner, mfa,
      ctx.clock, ctx.log,    credentials::chain_from_environment(ctx.env)};
  auto provider = credentials::make_provider(request.profile, deps);
  ctx.log.debug("profile '" + request.profile + "': " + provider->describe());
  return ProfileCredentials{provider->retrieve(), region, sts};
}

}  // namespace rolehelper::app
