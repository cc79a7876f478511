// SPDX-License-Identifier: MIT
#include <rolehelper/app/add_profile_command.hpp>
#include <rolehelper/app/cache_command.hpp>
#include <rolehelper/app/doctor_command.hpp>
#include <rolehelper/app/exec_command.hpp>
#include <rolehelper/app/get_command.hpp>
#include <rolehelper/app/list_command.hpp>
#include <rolehelper/app/policy_command.hpp>
#include <rolehelper/app/remove_profile_command.hpp>
#include <rolehelper/app/set_credentials_command.hpp>
#include <rolehelper/app/show_command.hpp>
#include <rolehelper/app/whoami_command.hpp>
#include <rolehelper/cli/command_table.hpp>
#include <rolehelper/util/error.hpp>

namespace rolehelper::cli {
namespace {

void get(const ParsedArgs& args, app::Context& ctx) {
  app::GetInput input;
  input.name = args.positionals(1, "NAME")[0];
  const auto format = args.value("format").value_or("process");
  const auto parsed = app::parse_output_format(format);
  if (!parsed) {
    throw util::Error(util::ErrorKind::usage, "get: unknown format '" + format + "'",
                      "use process, env, fish, powershell or cmd");
  }
  input.format = *parsed;
  input.refresh = args.flag("refresh") ? app::Refresh::always : app::Refresh::if_needed;
  input.use_cache = !args.flag("no-cache");
  input.region = args.value("region");
  input.mfa_token = args.value("mfa-token");
  app::run_get(input, ctx);
}

void exec(const ParsedArgs& args, app::Context& ctx) {
  app::run_exec(app::ExecInput{args.positionals(1, "NAME")[0], args.rest(), args.value("region"),
                               args.value("mfa-token")},
                ctx);
}

void whoami(const ParsedArgs& args, app::Context& ctx) {
  app::run_whoami(app::WhoamiInput{args.positionals(1, "NAME")[0], args.flag("json"),
                                   args.value("region"), args.value("mfa-token")},
                  ctx);
}

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

void cache(const ParsedArgs& args, app::Context& ctx) {
  const auto& words = args.positionals(1, 2, "list or clear [NAME]");
  if (words[0] == "list" && words.size() == 1) {
    app::run_cache_list(app::CacheListInput{args.flag("json")}, ctx);
  } else if (words[0] == "clear" && !args.flag("json")) {
    app::run_cache_clear(
        app::CacheClearInput{words.size() == 2 ? std::optional(words[1]) : std::nullopt}, ctx);
  } else {
    throw util::Error(util::ErrorKind::usage, "cache: expected 'list [--json]' or 'clear [NAME]'",
                      "see rolehelper cache --help");
  }
}

void policy(const ParsedArgs& args, app::Context& ctx) {
  const auto& words = args.positionals(1, "trust or allow-assume");
  const bool trust = words[0] == "trust";
  const bool allow = words[0] == "allow-assume";
  const bool trust_options =
      args.flag("require-mfa") || args.value("external-id") || !args.values("principal").empty();
  if (trust && args.values("role-arn").empty()) {
    app::run_policy_trust(aws::TrustPolicyInput{args.values("principal"), args.value("external-id"),
                                                args.flag("require-mfa")},
                          ctx);
  } else if (allow && !trust_options) {
    app::run_policy_allow_assume(args.values("role-arn"), ctx);
  } else {
    throw util::Error(util::ErrorKind::usage,
                      trust || allow ? "policy " + words[0] + ": an option of the other document"
                                     : std::string("policy: expected 'trust' or 'allow-assume'"),
                      "see rolehelper policy --help");
  }
}

void doctor(const ParsedArgs& args, app::Context& ctx) {
  const auto& words = args.positionals(0, 1, "at most one NAME");
  app::run_doctor(app::DoctorInput{words.empty() ? std::nullopt : std::optional(words[0])}, ctx);
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
      {"get",
       "get NAME [--format process|env|fish|powershell|cmd] [--refresh] [--no-cache] [--mfa-token "
       "CODE]",
       "Print the profile's credentials: credential_process JSON, or shell assignments.",
       {
           {"format", "FORMAT", "process (default), env, fish, powershell or cmd"},
           {"refresh", "", "ask STS for a new session even if a cached one is valid"},
           {"no-cache", "", "neither read nor write the credential cache"},
           {"mfa-token", "CODE", "the current code of the profile's MFA device"},
           {"region", "R", "the region of STS (default: the profile's, AWS_REGION, us-east-1)"},
       },
       get},
      {"exec",
       "exec NAME -- COMMAND [ARG...]",
       "Run a command with the profile's credentials in its environment; its exit status is ours.",
       {
           {"mfa-token", "CODE", "the current code of the profile's MFA device"},
           {"region", "R", "the region of STS and of the command (AWS_REGION)"},
       },
       exec},
      {"whoami",
       "whoami NAME [--json]",
       "Show who the profile's credentials are, from STS GetCallerIdentity.",
       {
           {"json", "", "print Account, Arn and UserId as JSON"},
           {"mfa-token", "CODE", "the current code of the profile's MFA device"},
           {"region", "R", "the region of STS"},
       },
       whoami},
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
      {"cache",
       "cache list [--json] | cache clear [NAME]",
       "List the cached role sessions (never a secret), or remove them all or a profile's.",
       {{"json", "", "print JSON (cache list)"}},
       cache},
      {"policy",
       "policy trust --principal ARN [--principal ARN...] [--external-id ID] [--require-mfa] | "
       "policy allow-assume --role-arn ARN [--role-arn ARN...]",
       "Print the role's trust policy, or the caller's policy allowing sts:AssumeRole on roles.",
       {{"principal", "ARN", "who may assume the role: an IAM ARN or an account id (trust)", true},
        {"external-id", "ID", "require this external id (trust)"},
        {"require-mfa", "", "require an MFA-authenticated caller (trust)"},
        {"role-arn", "ARN", "a role the caller may assume (allow-assume)", true}},
       policy},
      {"doctor",
       "doctor [NAME]",
       "Check the files, the cache, PATH and a profile's chain, STS and clock; say what to fix.",
       {},
       doctor},
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
