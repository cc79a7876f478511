// SPDX-License-Identifier: MIT
#include <rolehelper/app/exec_command.hpp>
#include <rolehelper/app/profile_credentials.hpp>
#include <rolehelper/os/process.hpp>
#include <rolehelper/util/error.hpp>

namespace rolehelper::app {

void run_exec(const ExecInput& input, Context& ctx) {
  if (input.command.empty()) {
    throw util::Error(
        util::ErrorKind::usage, "exec: no command given",
        "put the command after --, e.g. rolehelper exec " + input.name + " -- aws s3 ls");
  }
  const auto result = fetch_profile_credentials({input.name, input.region, input.mfa_token}, ctx);
  os::Environment env = ctx.env;
  for (const auto* name : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN",
                           "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION"}) {
    env.unset(name);
  }
  const auto& credentials = result.credentials;
  env.set("AWS_ACCESS_KEY_ID", credentials.access_key_id);
  env.set("AWS_SECRET_ACCESS_KEY", std::string(credentials.secret_access_key.expose()));
  if (credentials.session_token) {
    env.set("AWS_SESSION_TOKEN", std::string(credentials.session_token->expose()));
  }
  if (credentials.expiration) {
    env.set("AWS_CREDENTIAL_EXPIRATION", util::format_rfc3339(*credentials.expiration));
  }
  if (!env.get_nonempty("AWS_REGION")) {
    env.set("AWS_REGION", result.region);
  }
  if (!env.get_nonempty("AWS_DEFAULT_REGION")) {
    env.set("AWS_DEFAULT_REGION", result.region);
  }
  os::exec_replace(input.command, env);
}

}  // namespace rolehelper::app
