// SPDX-License-Identifier: MIT
#include <rolehelper/app/profile_credentials.hpp>
#include <rolehelper/app/whoami_command.hpp>
#include <rolehelper/util/json.hpp>

#include <ostream>

namespace rolehelper::app {

void run_whoami(const WhoamiInput& input, Context& ctx) {
  const auto result = fetch_profile_credentials({input.name, input.region, input.mfa_token}, ctx);
  const auto identity = result.sts->get_caller_identity(result.credentials);
  if (input.json) {
    util::JsonValue json = util::JsonValue::Object{};
    json.set("Account", identity.account).set("Arn", identity.arn).set("UserId", identity.user_id);
    ctx.out << util::to_json(json) << '\n';
  } else {
    ctx.out << identity.arn << '\n';
  }
}

}  // namespace rolehelper::app
