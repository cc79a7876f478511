// SPDX-License-Identifier: MIT
#include <rolehelper/app/add_profile_command.hpp>
#include <rolehelper/app/list_command.hpp>
#include <rolehelper/app/remove_profile_command.hpp>
#include <rolehelper/app/set_credentials_command.hpp>
#include <rolehelper/app/show_command.hpp>
#include <rolehelper/cli/command_table.hpp>

namespace rolehelper::cli {
namespace {

void add_profile(const ParsedArgs& args, app::Context& ctx) {
  app::AddProfileInput input;
  input.name = args.positionals(1, "NAME")[0];
  input.role_arn = args.required("role-arn");
  input.source_profile = args.value("source-profile");
  input.credential_source = args.value("credential-source");
  input.external_id = args.value("external-id");
  input.mfa_serial = args.value("mfa-serial");
  input.duration_seconds = args.value("duration-seconds");
  input.role_session_name = args.value("role-session-name");
  input.region = args.value("region");
  input.force = args.flag("force");
  app::run_add_profile(input, ctx);
}

void remove_profile(const ParsedArgs& args, app::Context& ctx) {
  app::run_remove_profile(app::RemoveProfileInput{args.positionals(1, "NAME")[0]}, ctx);
}

void list(const ParsedArgs& args, app::Context& ctx) {
  (void)args.positionals(0, "nothing");
  app::run_list(app::ListInput{args.flag("json")}, ctx);
}

void show(const ParsedArgs& args, app::Context& ctx) {
  app::run_show(app::ShowInput{args.positionals(1, "NAME")[0], args.flag("json")}, ctx);
}

void set_credentials(const ParsedArgs& args, app::Context& ctx) {
  app::run_set_credentials(
      app::SetCredentialsInput{args.positionals(1, "NAME")[0], args.value("access-key-id")}, ctx);
}

const std::vector<CommandSpec>& table() {
  static const std::vector<CommandSpec> k_table{
      {"add-profile",
       "add-profile NAME --role-arn ARN (--source-profile P | --credential-source SRC) "
       "[--external-id ID] "
       "[--mfa-serial ARN] [--duration-seconds N] [--role-session-name S] [--region R] [--force]",
       "Add a profile whose credentials rolehelper provides by assuming a role.",
       {
           {"role-arn", "ARN", "the role to assume"},
           {"source-profile", "P", "the profile whose credentials assume the role"},
           {"credential-source", "SRC", "Environment, Ec2InstanceMetadata or EcsContainer"},
           {"external-id", "ID", "the external id the role's trust policy requires"},
           {"mfa-serial", "ARN", "the MFA device's serial number or ARN"},
           {"duration-seconds", "N", "session length, 900 to 43200 seconds"},
           {"role-session-name", "S", "session name shown in CloudTrail"},
           {"region", "R", "region to write into the profile"},
           {"force", "", "update the profile in place if it exists"},
       },
       add_profile},
      {"remove-profile",
       "remove-profile NAME",
       "Remove a profile from the config and credentials files.",
       {},
       remove_profile},
      {"list",
       "list [--json]",
       "List the profiles of the config and credentials files.",
       {{"json", "", "print JSON"}},
       list},
      {"show",
       "show NAME [--json]",
       "Show a profile's settings and where each comes from; secrets are masked.",
       {{"json", "", "print JSON"}},
       show},
      {"set-credentials",
       "set-credentials NAME [--access-key-id ID]",
       "Store long-term keys for a profile. The secret is read from stdin or a hidden prompt, "
       "never from argv.",
       {{"access-key-id", "ID", "the access key id (else read like the secret)"}},
       set_credentials},
  };
  return k_table;
}

}  // namespace

std::span<const CommandSpec> command_table() {
  return table();
}

const CommandSpec* find_command(std::string_view name) noexcept {
  for (const auto& spec : table()) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

}  // namespace rolehelper::cli
