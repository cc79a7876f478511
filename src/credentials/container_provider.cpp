// SPDX-License-Identifier: MIT
// Rules of botocore's ContainerProvider (aws-facts §6.2).
#include <rolehelper/credentials/container_provider.hpp>
#include <rolehelper/credentials/credential_documents.hpp>
#include <rolehelper/net/retry.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/strings.hpp>

namespace rolehelper::credentials {
using util::Error;
using util::ErrorKind;

namespace {

bool allowed_plain_http_host(std::string_view host) {
  if (host == "localhost" || host == "::1" || host == "169.254.170.2" || host == "169.254.170.23" ||
      host == "fd00:ec2::23") {
    return true;
  }
  // 127.0.0.0/8
  const auto parts = util::split(host, '.');
  return parts.size() == 4 && parts[0] == "127" &&
         std::all_of(parts.begin(), parts.end(), [](const std::string& p) {
           return !p.empty() && p.size() <= 3 &&
                  std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; });
         });
}

std::string container_url(const os::Environment& env) {
  if (auto relative = env.get_nonempty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
    return "http://169.254.170.2" + *relative;
  }
  auto full = env.get_nonempty("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (!full) {
    throw Error(
        ErrorKind::config,
        "credential_source EcsContainer, but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor "
        "AWS_CONTAINER_CREDENTIALS_FULL_URI is set",
        "run inside an ECS task or EKS pod with a task role, or use another credential source");
  }
  const auto url = net::parse_url(*full);
  if (!url || (url->scheme == "http" && !allowed_plain_http_host(url->host))) {
    throw Error(
        ErrorKind::config,
        "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback address or the "
        "container agent",
        "fix the variable; the authorization token is not sent to " + (url ? url->host : *full));
  }
  return *full;
}

}  // namespace

aws::Credentials ContainerProvider::retrieve() {
  const std::string url = container_url(m_env);
  std::optional<std::string> token;
  if (auto file = m_env.get_nonempty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
    token = os::read_file(*file);
    if (!token) {
      throw Error(
          ErrorKind::io,
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names " + *file + ", which does not exist",
          "fix the variable or create the file");
    }
    while (!token->empty() && (token->back() == '\n' || token->back() == '\r')) {
      token->pop_back();
    }
  } else {
    token = m_env.get_nonempty("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  }
  if (token && token->find_first_of("\r\n") != std::string::npos) {
    throw Error(ErrorKind::config, "the container authorization token holds a line break",
                "fix the token");
  }
  net::HttpOptions options;
  options.connect_timeout = options.total_timeout = std::chrono::seconds(2);
  net::RetryPolicy retry;
  retry.base_delay = std::chrono::milliseconds(100);
  auto answer = net::send_with_retries(
      m_http,
      [&] {
        net::HttpRequest request;
        request.url = url;
        request.headers.push_back({"Accept", "application/json"});
        if (token) {
          request.headers.push_back({"Authorization", *token});
        }
        return request;
      },
      options, retry,
      [](const net::HttpResponse& r) { return r.status >= 500 || r.status == 429; });
  if (token) {
    util::wipe(*token);
  }
  if (answer.status != 200) {
    throw Error(ErrorKind::aws,
                "the container credentials endpoint " + url + " answered HTTP " +
                    std::to_string(answer.status),
                answer.status == 401 || answer.status == 403
                    ? "check the container authorization token"
                    : "check the task's or pod's IAM role");
  }
  auto credentials = parse_metadata_credentials(answer.body, "the container credentials endpoint");
  util::wipe(answer.body);
  return credentials;
}

}  // namespace rolehelper::credentials
