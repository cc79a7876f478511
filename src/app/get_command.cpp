// SPDX-License-Identifier: MIT
#include <rolehelper/app/get_command.hpp>
#include <rolehelper/app/profile_credentials.hpp>

#include <ostream>

namespace rolehelper::app {

void run_get(const GetInput& input, Context& ctx) {
  if (!ctx.options.verbose) {
    ctx.log.set_level(util::LogLevel::quiet);  // not even a warning on success
  }
  const auto result = fetch_profile_credentials({input.name, input.region, input.mfa_token}, ctx);
  std::string text = render_credentials(result.credentials, input.format);
  ctx.out << text;
  util::wipe(text);
}

}  // namespace rolehelper::app
