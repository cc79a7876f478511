// SPDX-License-Identifier: MIT
#include <rolehelper/app/exec_command.hpp>
#include <rolehelper/app/output_formats.hpp>
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
  for (auto& [name, value] : credential_variables(result.credentials)) {
    env.set(std::string(name), std::move(value));
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
