// SPDX-License-Identifier: MIT
#include <rolehelper/aws/credentials_json.hpp>
#include <rolehelper/util/error.hpp>

namespace rolehelper::aws {
using util::Error;
using util::ErrorKind;

std::optional<std::string> string_member(const util::JsonValue& object, std::string_view name) {
  const auto* value = object.find(name);
  if (value == nullptr || value->as_string() == nullptr || value->as_string()->empty()) {
    return std::nullopt;
  }
  return *value->as_string();
}

void put_credentials(util::JsonValue& object, const Credentials& credentials) {
  object.set("AccessKeyId", credentials.access_key_id);
  object.set("SecretAccessKey", credentials.secret_access_key.expose());
  if (credentials.session_token) {
    object.set("SessionToken", credentials.session_token->expose());
  }
  if (credentials.expiration) {
    object.set("Expiration", util::format_rfc3339(*credentials.expiration));
  }
  if (credentials.account_id) {
    object.set("AccountId", *credentials.account_id);
  }
}

Credentials read_credentials(const util::JsonValue& object, std::string_view token_field,
                             std::string_view source) {
  const auto required = [&](std::string_view name) {
    auto value = string_member(object, name);
    if (!value) {
      throw Error(ErrorKind::parse, std::string(source) + " printed no " + std::string(name),
                  "its output must have AccessKeyId and SecretAccessKey");
    }
    return std::move(*value);
  };
  Credentials credentials;
  credentials.access_key_id = required("AccessKeyId");
  credentials.secret_access_key = util::Secret(required("SecretAccessKey"));
  credentials.account_id = string_member(object, "AccountId");
  if (auto token = string_member(object, token_field)) {
    credentials.session_token = util::Secret(std::move(*token));
  }
  if (auto expiration = string_member(object, "Expiration")) {
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

}  // namespace rolehelper::aws
