// SPDX-License-Identifier: MIT
// Settings and fallbacks as botocore's IMDSFetcher (aws-facts §6.1).
#include <rolehelper/credentials/credential_documents.hpp>
#include <rolehelper/credentials/instance_metadata_provider.hpp>
#include <rolehelper/net/retry.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/strings.hpp>

namespace rolehelper::credentials {
using util::Error;
using util::ErrorKind;

namespace {

bool is_true(const std::optional<std::string>& value) {
  return value && util::iequals_ascii(*value, "true");
}

bool retry_metadata(const net::HttpResponse& response) {
  return response.status >= 500 || response.status == 429;
}

}  // namespace

aws::Credentials InstanceMetadataProvider::retrieve() {
  if (is_true(m_env.get("AWS_EC2_METADATA_DISABLED"))) {
    throw Error(ErrorKind::config,
                "credential_source Ec2InstanceMetadata, but AWS_EC2_METADATA_DISABLED is true",
                "unset AWS_EC2_METADATA_DISABLED, or use another credential source");
  }
  std::string base = m_env.get_nonempty("AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or("");
  if (base.empty()) {
    const bool ipv6 = util::iequals_ascii(
        m_env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").value_or(""), "IPv6");
    base = ipv6 ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
  }
  while (base.ends_with('/')) {
    base.pop_back();
  }
  net::HttpOptions options;
  double seconds = 1.0;
  if (auto timeout = m_env.get_nonempty("AWS_METADATA_SERVICE_TIMEOUT")) {
    try {
      seconds = std::stod(*timeout);
    } catch (...) {
    }
  }
  options.connect_timeout = options.total_timeout =
      std::chrono::milliseconds(static_cast<long>(seconds * 1000));
  net::RetryPolicy retry;
  retry.base_delay = std::chrono::milliseconds(50);

  const auto send = [&](std::string method, const std::string& path,
                        std::vector<net::Header> headers) {
    return net::send_with_retries(
        m_http,
        [&] {
          net::HttpRequest request;
          request.method = method;
          request.url = base + path;
          request.headers = headers;
          return request;
        },
        options, retry, retry_metadata);
  };
  const auto fail = [&](const std::string& what, long status) -> Error {
    return Error(ErrorKind::aws,
                 "the instance metadata service at " + base + " answered HTTP " +
                     std::to_string(status) + " to " + what,
                 "check that this instance has an IAM role (instance profile) attached");
  };

  std::vector<net::Header> token_header;
  const auto token =
      send("PUT", "/latest/api/token", {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}});
  if (token.status == 200) {
    token_header.push_back({"X-aws-ec2-metadata-token", token.body});
  } else if (token.status == 403 || token.status == 404 || token.status == 405) {
    if (is_true(m_env.get("AWS_EC2_METADATA_V1_DISABLED"))) {
      throw fail("the IMDSv2 token request, and IMDSv1 is disabled", token.status);
    }
  } else {
    throw fail("the IMDSv2 token request", token.status);
  }
  const auto role = send("GET", "/latest/meta-data/iam/security-credentials/", token_header);
  const auto role_name =
      std::string(util::trim_ascii(std::string_view(role.body).substr(0, role.body.find('\n'))));
  if (role.status != 200 || role_name.empty()) {
    throw fail("the role name request", role.status);
  }
  auto answer =
      send("GET", "/latest/meta-data/iam/security-credentials/" + role_name, token_header);
  if (answer.status != 200) {
    throw fail("the credentials request", answer.status);
  }
  auto credentials = parse_metadata_credentials(answer.body, "the instance metadata service");
  util::wipe(answer.body);
  return credentials;
}

}  // namespace rolehelper::credentials
