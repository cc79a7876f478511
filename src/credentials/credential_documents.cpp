// SPDX-License-Identifier: MIT
// Version 1 rules:
// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html
#include <rolehelper/credentials/credential_documents.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/json.hpp>

namespace rolehelper::credentials {
using util::Error;
using util::ErrorKind;

namespace {

util::JsonValue load(std::string_view json, std::string_view source) {
  try {
    auto value = util::parse_json(json);
    if (value.as_object() == nullptr) {
      throw Error(ErrorKind::parse, "not a JSON object");
    }
    return value;
  } catch (const Error& error) {
    throw Error(ErrorKind::parse,
                std::string(source) + " did not print credentials JSON (" + error.what() + ")",
                "run it by hand to see what it prints");
  }
}

std::optional<std::string> field(const util::JsonValue& document, std::string_view name) {
  const auto* value = document.find(name);
  if (value == nullptr || value->as_string() == nullptr || value->as_string()->empty()) {
    return std::nullopt;
  }
  return *value->as_string();
}

std::string required(const util::JsonValue& document, std::string_view name,
                     std::string_view source) {
  auto value = field(document, name);
  if (!value) {
    throw Error(ErrorKind::parse, std::string(source) + " printed no " + std::string(name),
                "its output must have AccessKeyId and SecretAccessKey");
  }
  return *value;
}

aws::Credentials common(const util::JsonValue& document, std::string_view token_field,
                        std::string_view source) {
  aws::Credentials credentials{required(document, "AccessKeyId", source),
                               util::Secret(required(document, "SecretAccessKey", source)),
                               {},
                               {},
                               field(document, "AccountId")};
  if (auto token = field(document, token_field)) {
    credentials.session_token = util::Secret(std::move(*token));
  }
  if (auto expiration = field(document, "Expiration")) {
    credentials.expiration = util::parse_iso8601(*expiration);
    if (!credentials.expiration) {
      throw Error(
          ErrorKind::parse,
          std::string(source) + " printed an Expiration that is not an RFC 3339 time with a zone",
          "it must look like 2026-11-23T10:00:00Z");
    }
  }
  return credentials;
}

}  // namespace

aws::Credentials parse_process_output(std::string_view json, std::string_view source) {
  const auto document = load(json, source);
  const auto* version = document.find("Version");
  if (version == nullptr || version->as_integer() == nullptr || *version->as_integer() != 1) {
    throw Error(ErrorKind::parse, std::string(source) + " printed no \"Version\": 1",
                "credential_process output must be Version 1 JSON");
  }
  return common(document, "SessionToken", source);
}

aws::Credentials parse_metadata_credentials(std::string_view json, std::string_view source) {
  const auto document = load(json, source);
  if (auto code = field(document, "Code"); code && *code != "Success") {
    throw Error(ErrorKind::aws, std::string(source) + " answered " + *code,
                "check the instance's or task's IAM role");
  }
  return common(document, "Token", source);
}

}  // namespace rolehelper::credentials
