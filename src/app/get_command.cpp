// SPDX-License-Identifier: MIT
#include <rolehelper/app/credential_cache.hpp>
#include <rolehelper/app/get_command.hpp>
#include <rolehelper/app/profile_credentials.hpp>

#include <ostream>

namespace rolehelper::app {

namespace {

void print(const aws::Credentials& credentials, OutputFormat format, Context& ctx) {
  std::string text = render_credentials(credentials, format);
  ctx.out << text;
  util::wipe(text);
}

}  // namespace

void run_get(const GetInput& input, Context& ctx) {
  if (!ctx.options.verbose) {
    ctx.log.set_level(util::LogLevel::quiet);  // not even a warning on success
  }
  std::optional<cache::Route> route;
  if (input.use_cache) {
    route = route_for(input.name, input.region, ctx);
    if (input.refresh == Refresh::if_needed) {
      if (auto credentials = cached_credentials(*route, ctx)) {
        print(*credentials, input.format, ctx);
        return;
      }
    }
  }
  CredentialRequest request{input.name, input.region, input.mfa_token};
  request.use_cache = input.use_cache;
  request.refresh = input.refresh == Refresh::always;
  request.route = route ? &*route : nullptr;
  print(fetch_profile_credentials(request, ctx).credentials, input.format, ctx);
}

}  // namespace rolehelper::app
