// SPDX-License-Identifier: MIT
// Version 1 rules:
// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html
#include <rolehelper/aws/credentials_json.hpp>
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

}  // namespace

aws::Credentials parse_process_output(std::string_view json, std::string_view source) {
  const auto document = load(json, source);
  const auto* version = document.find("Version");
  if (version == nullptr || version->as_integer() == nullptr || *version->as_integer() != 1) {
    throw Error(ErrorKind::parse, std::string(source) + " printed no \"Version\": 1",
                "credential_process output must be Version 1 JSON");
  }
  return aws::read_credentials(document, "SessionToken", source);
}

aws::Credentials parse_metadata_credentials(std::string_view json, std::string_view source) {
  const auto document = load(json, source);
  if (auto code = aws::string_member(document, "Code"); code && *code != "Success") {
    throw Error(ErrorKind::aws, std::string(source) + " answered " + *code,
                "check the instance's or task's IAM role");
  }
  return aws::read_credentials(document, "Token", source);
}

}  // namespace rolehelper::credentials
