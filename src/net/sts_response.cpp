// SPDX-License-Identifier: MIT
// Shapes: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html and the
// Query protocol's ErrorResponse.
#include <rolehelper/aws/arn.hpp>
#include <rolehelper/net/sts_response.hpp>
#include <rolehelper/util/error.hpp>

#include <pugixml.hpp>

namespace rolehelper::net {
using util::Error;
using util::ErrorKind;

namespace {

pugi::xml_document load(std::string_view body) {
  pugi::xml_document document;
  const auto result =
      document.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result) {
    throw Error(ErrorKind::parse,
                "STS sent a response that is not XML (" + std::string(result.description()) + ")",
                "check that the STS endpoint is really STS");
  }
  return document;
}

// The first descendant element with this local name, namespaces ignored.
pugi::xml_node find(const pugi::xml_node& from, std::string_view name) {
  return from.find_node([&](const pugi::xml_node& node) {
    return node.type() == pugi::node_element && std::string_view(node.name()) == name;
  });
}

std::string text(const pugi::xml_node& from, std::string_view name) {
  const auto node = find(from, name);
  return node ? std::string(node.text().get()) : std::string{};
}

std::string required(const pugi::xml_node& from, std::string_view name,
                     std::string_view operation) {
  auto value = text(from, name);
  if (value.empty()) {
    throw Error(ErrorKind::parse,
                "the " + std::string(operation) + " response has no " + std::string(name),
                "check that the STS endpoint is really STS");
  }
  return value;
}

}  // namespace

StsCredentials parse_credentials_result(std::string_view body, std::string_view operation) {
  const auto document = load(body);
  const auto result = find(document, std::string(operation) + "Result");
  if (!result) {
    throw Error(ErrorKind::parse, "the STS response has no " + std::string(operation) + "Result",
                "check that the STS endpoint is really STS");
  }
  const auto credentials = find(result, "Credentials");
  StsCredentials out;
  out.credentials.access_key_id = required(credentials, "AccessKeyId", operation);
  out.credentials.secret_access_key =
      util::Secret(required(credentials, "SecretAccessKey", operation));
  out.credentials.session_token = util::Secret(required(credentials, "SessionToken", operation));
  const auto expiration = util::parse_iso8601(required(credentials, "Expiration", operation));
  if (!expiration) {
    throw Error(ErrorKind::parse,
                "the " + std::string(operation) + " response has an unreadable Expiration");
  }
  out.credentials.expiration = expiration;
  out.assumed_role_arn = text(find(result, "AssumedRoleUser"), "Arn");
  if (const auto arn = aws::parse_arn(out.assumed_role_arn); arn && !arn->account.empty()) {
    out.credentials.account_id = arn->account;  // as botocore derives AccountId
  }
  out.request_id = text(document, "RequestId");
  return out;
}

CallerIdentity parse_caller_identity(std::string_view body) {
  const auto document = load(body);
  const auto result = find(document, "GetCallerIdentityResult");
  if (!result) {
    throw Error(ErrorKind::parse, "the STS response has no GetCallerIdentityResult");
  }
  return {required(result, "Account", "GetCallerIdentity"),
          required(result, "Arn", "GetCallerIdentity"), text(result, "UserId")};
}

std::optional<StsErrorDetails> parse_error_response(std::string_view body) {
  pugi::xml_document document;
  if (!document.load_buffer(body.data(), body.size())) {
    return std::nullopt;
  }
  const auto error = find(document, "Error");
  if (!error) {
    return std::nullopt;
  }
  return StsErrorDetails{text(error, "Code"), text(error, "Message"), text(document, "RequestId")};
}

}  // namespace rolehelper::net
