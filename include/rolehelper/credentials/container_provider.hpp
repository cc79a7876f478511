// SPDX-License-Identifier: MIT
// ContainerProvider: ECS / EKS Pod Identity credentials from
// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on 169.254.170.2) or _FULL_URI, with the
// Authorization value of AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read on each call) or
// AWS_CONTAINER_AUTHORIZATION_TOKEN. A plain-http full URI must point at a loopback or the
// container agent's address, so the token is never sent elsewhere in clear text.
#pragma once

#include <rolehelper/credentials/provider.hpp>
#include <rolehelper/net/http.hpp>
#include <rolehelper/os/environment.hpp>

namespace rolehelper::credentials {

class ContainerProvider final : public Provider {
 public:
  ContainerProvider(net::HttpClient& http, const os::Environment& env) : m_http(http), m_env(env) {}
  [[nodiscard]] aws::Credentials retrieve() override;
  [[nodiscard]] std::string describe() const override {
    return "the container credentials endpoint";
  }
  [[nodiscard]] std::string identity() const override {
    return "container:" + m_env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").value_or("") + "|" +
           m_env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").value_or("");
  }

 private:
  net::HttpClient& m_http;
  const os::Environment& m_env;
};

}  // namespace rolehelper::credentials
