// SPDX-License-Identifier: MIT
// Query protocol: https://docs.aws.amazon.com/STS/latest/APIReference/CommonParameters.html
// Error codes and what to do about them: aws-facts §4.6.
#include <rolehelper/net/sigv4.hpp>
#include <rolehelper/net/sts_client.hpp>
#include <rolehelper/util/encoding.hpp>
#include <rolehelper/util/error.hpp>

namespace rolehelper::net {
using util::Error;
using util::ErrorKind;

namespace {

constexpr std::string_view k_version = "2011-06-15";

bool is_throttling(std::string_view code) {
  return code == "Throttling" || code == "ThrottlingException" || code == "RequestLimitExceeded" ||
         code == "TooManyRequestsException" || code == "IDPCommunicationError" ||
         code == "RequestTimeout" || code == "RequestTimeoutException";
}

bool retryable(const HttpResponse& response) {
  if (response.status == 429 || response.status == 500 || response.status == 502 ||
      response.status == 503 || response.status == 504) {
    return true;
  }
  if (response.status == 400) {
    const auto error = parse_error_response(response.body);
    return error && is_throttling(error->code);
  }
  return false;
}

std::string hint_for(std::string_view operation, std::string_view code,
                     const StsEndpoint& endpoint) {
  if (code == "AccessDenied") {
    if (operation == "AssumeRole") {
      return "the role's trust policy must name the caller (see rolehelper policy trust) and the "
             "caller "
             "needs sts:AssumeRole on the role (see rolehelper policy allow-assume); an external "
             "id or MFA "
             "code the trust policy requires must match";
    }
    return "the caller is not allowed to do this; check its policies";
  }
  if (code == "InvalidClientTokenId") {
    return "the source access key id is not valid in this partition; store working keys with "
           "rolehelper "
           "set-credentials";
  }
  if (code == "SignatureDoesNotMatch") {
    return "the source secret access key is wrong (or the clock is far off); store the keys again "
           "with "
           "rolehelper set-credentials";
  }
  if (code == "ExpiredToken") {
    return "the source credentials' session token has expired; refresh the source credentials";
  }
  if (code == "RegionDisabledException") {
    return "STS is not activated in " + endpoint.signing_region +
           " for this account; choose another region (--region or the profile's region)";
  }
  if (code == "ExpiredTokenException" || code == "InvalidIdentityToken") {
    return "the web identity token was refused; make sure the token file holds a fresh token";
  }
  if (code == "MalformedPolicyDocument" || code == "PackedPolicyTooLarge") {
    return "shorten or fix the session policy and tags";
  }
  if (code == "ValidationError") {
    return "check the profile's role settings (duration: at most the role's maximum, and 3600 when "
           "chaining roles)";
  }
  if (is_throttling(code)) {
    return "STS kept throttling the request; try again in a moment";
  }
  return "see the STS error above";
}

}  // namespace

std::string form_body(const FormParams& params) {
  std::string body;
  for (const auto& [name, value] : params) {
    body += (body.empty() ? "" : "&") + util::uri_encode(name) + "=" + util::uri_encode(value);
  }
  return body;
}

FormParams assume_role_params(const AssumeRoleRequest& request) {
  FormParams params{{"Action", "AssumeRole"},
                    {"Version", std::string(k_version)},
                    {"RoleArn", request.role_arn},
                    {"RoleSessionName", request.role_session_name}};
  if (request.duration_seconds) {
    params.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  if (request.external_id) {
    params.emplace_back("ExternalId", *request.external_id);
  }
  if (request.serial_number) {
    params.emplace_back("SerialNumber", *request.serial_number);
  }
  if (request.token_code) {
    params.emplace_back("TokenCode", std::string(request.token_code->expose()));
  }
  if (request.policy) {
    params.emplace_back("Policy", *request.policy);
  }
  for (std::size_t i = 0; i < request.policy_arns.size(); ++i) {
    params.emplace_back("PolicyArns.member." + std::to_string(i + 1) + ".arn",
                        request.policy_arns[i]);
  }
  for (std::size_t i = 0; i < request.tags.size(); ++i) {
    const auto prefix = "Tags.member." + std::to_string(i + 1);
    params.emplace_back(prefix + ".Key", request.tags[i].first);
    params.emplace_back(prefix + ".Value", request.tags[i].second);
  }
  for (std::size_t i = 0; i < request.transitive_tag_keys.size(); ++i) {
    params.emplace_back("TransitiveTagKeys.member." + std::to_string(i + 1),
                        request.transitive_tag_keys[i]);
  }
  if (request.source_identity) {
    params.emplace_back("SourceIdentity", *request.source_identity);
  }
  return params;
}

StsClient::StsClient(HttpClient& http, StsEndpoint endpoint, HttpOptions options,
                     const util::Clock& clock, RetryPolicy retry)
    : m_http(http),
      m_endpoint(std::move(endpoint)),
      m_options(std::move(options)),
      m_clock(clock),
      m_retry(std::move(retry)) {}

std::string StsClient::call(std::string_view operation, const FormParams& params,
                            const aws::Credentials* caller, std::string_view subject) {
  std::string body = form_body(params);
  const auto make = [&] {
    HttpRequest request;
    request.method = "POST";
    request.url = m_endpoint.url;
    if (request.url.find('/', request.url.find("://") + 3) == std::string::npos) {
      request.url += '/';
    }
    request.headers.push_back({"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"});
    request.body = body;
    if (caller != nullptr) {
      sign_with_header(request, *caller,
                       SigningScope{m_endpoint.signing_region, "sts", m_clock.now()});
    }
    return request;
  };
  auto response = send_with_retries(m_http, make, m_options, m_retry, retryable);
  util::wipe(body);  // it may hold an MFA code or a web identity token
  if (response.status == 200) {
    return std::move(response.body);
  }
  const std::string what =
      std::string(operation) + (subject.empty() ? "" : " " + std::string(subject));
  if (const auto error = parse_error_response(response.body); error && !error->code.empty()) {
    std::string message = what + " failed: " + error->code;
    if (!error->message.empty()) {
      message += ": " + error->message;
    }
    if (!error->request_id.empty()) {
      message += " (request id " + error->request_id + ")";
    }
    throw Error(ErrorKind::aws, message, hint_for(operation, error->code, m_endpoint));
  }
  throw Error(ErrorKind::aws,
              what + " failed: HTTP " + std::to_string(response.status) + " from " + m_endpoint.url,
              "check that the STS endpoint URL is right");
}

StsCredentials StsClient::assume_role(const aws::Credentials& caller,
                                      const AssumeRoleRequest& request) {
  auto params = assume_role_params(request);
  auto body = call("AssumeRole", params, &caller, request.role_arn);
  for (auto& [name, value] : params) {
    util::wipe(value);
  }
  auto result = parse_credentials_result(body, "AssumeRole");
  util::wipe(body);
  return result;
}

StsCredentials StsClient::assume_role_with_web_identity(const WebIdentityRequest& request) {
  FormParams params{{"Action", "AssumeRoleWithWebIdentity"},
                    {"Version", std::string(k_version)},
                    {"RoleArn", request.role_arn},
                    {"RoleSessionName", request.role_session_name},
                    {"WebIdentityToken", std::string(request.web_identity_token.expose())}};
  if (request.duration_seconds) {
    params.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  if (request.policy) {
    params.emplace_back("Policy", *request.policy);
  }
  for (std::size_t i = 0; i < request.policy_arns.size(); ++i) {
    params.emplace_back("PolicyArns.member." + std::to_string(i + 1) + ".arn",
                        request.policy_arns[i]);
  }
  auto body = call("AssumeRoleWithWebIdentity", params, nullptr, request.role_arn);
  util::wipe(params[4].second);
  auto result = parse_credentials_result(body, "AssumeRoleWithWebIdentity");
  util::wipe(body);
  return result;
}

StsCredentials StsClient::get_session_token(const aws::Credentials& caller,
                                            const SessionTokenRequest& request) {
  FormParams params{{"Action", "GetSessionToken"}, {"Version", std::string(k_version)}};
  if (request.duration_seconds) {
    params.emplace_back("DurationSeconds", std::to_string(*request.duration_seconds));
  }
  if (request.serial_number) {
    params.emplace_back("SerialNumber", *request.serial_number);
  }
  if (request.token_code) {
    params.emplace_back("TokenCode", std::string(request.token_code->expose()));
  }
  auto body = call("GetSessionToken", params, &caller, {});
  auto result = parse_credentials_result(body, "GetSessionToken");
  util::wipe(body);
  return result;
}

CallerIdentity StsClient::get_caller_identity(const aws::Credentials& caller) {
  return parse_caller_identity(
      call("GetCallerIdentity",
           {{"Action", "GetCallerIdentity"}, {"Version", std::string(k_version)}}, &caller, {}));
}

}  // namespace rolehelper::net
