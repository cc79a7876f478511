// SPDX-License-Identifier: MIT
#include <rolehelper/app/output_formats.hpp>
#include <rolehelper/aws/credentials_json.hpp>
#include <rolehelper/util/json.hpp>
#include <rolehelper/util/shell_words.hpp>

#include <utility>
#include <vector>

namespace rolehelper::app {
std::vector<std::pair<std::string_view, std::string>> credential_variables(
    const aws::Credentials& credentials) {
  std::vector<std::pair<std::string_view, std::string>> vars{
      {"AWS_ACCESS_KEY_ID", credentials.access_key_id},
      {"AWS_SECRET_ACCESS_KEY", std::string(credentials.secret_access_key.expose())}};
  if (credentials.session_token) {
    vars.emplace_back("AWS_SESSION_TOKEN", std::string(credentials.session_token->expose()));
  }
  if (credentials.expiration) {
    vars.emplace_back("AWS_CREDENTIAL_EXPIRATION", util::format_rfc3339(*credentials.expiration));
  }
  return vars;
}

namespace {

std::string powershell_quote(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '`' || c == '$') {
      out += '`';
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "process") {
    return OutputFormat::process;
  }
  if (name == "env") {
    return OutputFormat::env;
  }
  if (name == "fish") {
    return OutputFormat::fish;
  }
  if (name == "powershell") {
    return OutputFormat::powershell;
  }
  if (name == "cmd") {
    return OutputFormat::cmd;
  }
  return std::nullopt;
}

std::string render_credentials(const aws::Credentials& credentials, OutputFormat format) {
  if (format == OutputFormat::process) {
    util::JsonValue json = util::JsonValue::Object{};
    json.set("Version", 1);
    aws::put_credentials(json, credentials);
    return util::to_json(json) + "\n";
  }
  std::string out;
  for (const auto& [name, value] : credential_variables(credentials)) {
    switch (format) {
      case OutputFormat::env:
        out += "export " + std::string(name) + "=" + util::quote_shell_word(value) + "\n";
        break;
      case OutputFormat::fish:
        out += "set -gx " + std::string(name) + " " + util::quote_shell_word(value) + ";\n";
        break;
      case OutputFormat::powershell:
        out += "$Env:" + std::string(name) + "=" + powershell_quote(value) + "\n";
        break;
      case OutputFormat::cmd:
        out += "set " + std::string(name) + "=" + value + "\n";
        break;
      case OutputFormat::process:
        break;
    }
  }
  return out;
}

}  // namespace rolehelper::app
