// SPDX-License-Identifier: MIT
#include <rolehelper/app/set_credentials_command.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/aws/validation.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/secret.hpp>
#include <rolehelper/util/strings.hpp>

#include <istream>

namespace rolehelper::app {
using util::Error;
using util::ErrorKind;
using util::Secret;

namespace {

struct Keys {
  std::string access_key_id;
  Secret secret_access_key;
};

std::string read_stdin_line(std::istream& in, std::string_view what) {
  std::string line;
  line.reserve(256);  // one buffer, wiped by the caller, rather than copies left by growth
  if (!std::getline(in, line)) {
    throw Error(ErrorKind::usage, "stdin ended before the " + std::string(what),
                "pipe the access key id and the secret on two lines, or the secret alone with "
                "--access-key-id");
  }
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  return line;
}

Keys read_keys(const SetCredentialsInput& input, Context& ctx) {
  Keys keys;
  if (!ctx.stdin_is_terminal) {
    keys.access_key_id =
        input.access_key_id ? *input.access_key_id : read_stdin_line(ctx.in, "access key id");
    std::string secret = read_stdin_line(ctx.in, "secret access key");
    keys.secret_access_key = Secret(std::string(util::trim_ascii(secret)));
    util::wipe(secret);
    keys.access_key_id = std::string(util::trim_ascii(keys.access_key_id));
    return keys;
  }
  const std::string no_terminal_hint = "pipe the secret on stdin, e.g. from your password manager";
  if (input.access_key_id) {
    keys.access_key_id = *input.access_key_id;
  } else {
    auto id = ctx.prompt.ask("AWS Access Key ID for profile " + input.name + ": ");
    if (!id) {
      throw Error(ErrorKind::io, "no terminal to ask for the access key id on", no_terminal_hint);
    }
    keys.access_key_id = std::string(util::trim_ascii(*id));
  }
  auto secret = ctx.prompt.ask_secret("AWS Secret Access Key (input hidden): ");
  if (!secret) {
    throw Error(ErrorKind::io, "no terminal to ask for the secret access key on", no_terminal_hint);
  }
  keys.secret_access_key = Secret(std::string(util::trim_ascii(secret->expose())));
  return keys;
}

}  // namespace

void run_set_credentials(const SetCredentialsInput& input, Context& ctx) {
  if (auto problem = aws::check_profile_name(input.name)) {
    throw Error(ErrorKind::usage, "NAME: " + *problem, "choose a name of letters, digits and _.@-");
  }
  if (input.access_key_id) {
    if (auto problem = aws::check_access_key_id(*input.access_key_id)) {
      throw Error(ErrorKind::usage, "--access-key-id: " + *problem, "nothing was written");
    }
  }
  const auto paths = ctx.aws_files();
  const auto files = aws::ConfigFiles::load(paths);
  if (const auto* profile = files.find_profile(input.name);
      profile != nullptr && (profile->find("rolehelper_role_arn") || profile->find("role_arn"))) {
    throw Error(ErrorKind::config,
                "profile '" + input.name +
                    "' assumes a role; keys stored under its name would replace the role",
                "store the keys in its source profile, e.g. rolehelper set-credentials " +
                    profile->value("rolehelper_source_profile")
                        .value_or(profile->value("source_profile").value_or("default")));
  }

  Keys keys = read_keys(input, ctx);
  if (auto problem = aws::check_access_key_id(keys.access_key_id)) {
    throw Error(ErrorKind::usage, "access key id: " + *problem, "nothing was written");
  }
  if (auto problem = aws::check_secret_access_key(keys.secret_access_key.expose())) {
    throw Error(ErrorKind::usage, "secret access key: " + *problem, "nothing was written");
  }

  const auto outcome = aws::edit_config_file(
      paths.credentials, aws::FileKind::credentials,
      [&](aws::ConfigFile& file) {
        const auto sections = aws::credentials_sections_of(file, input.name);
        const std::size_t index =
            sections.empty() ? file.append_section(input.name) : sections.back();
        std::vector<ini::Document::KeyChange> changes{
            {"aws_access_key_id", keys.access_key_id},
            {"aws_secret_access_key", std::string(keys.secret_access_key.expose())}};
        // A session token left from before would pair with the new keys and be refused by STS.
        for (const auto* stale : {"aws_session_token", "aws_security_token"}) {
          if (file.document().sections()[index].find(stale) != nullptr) {
            changes.push_back({stale, std::nullopt});
          }
        }
        file.update_section(index, changes);
        util::wipe(changes[1].value.value());
      },
      &ctx.log);
  if (outcome.narrowed_from) {
    ctx.log.warning(ctx.display_path(outcome.written) + " had mode " +
                    util::octal_mode(*outcome.narrowed_from) +
                    "; it is now 0600, as a credentials file must be");
  }
  ctx.log.info("stored credentials for profile '" + input.name + "' in " +
               ctx.display_path(outcome.written));
}

}  // namespace rolehelper::app
