// SPDX-License-Identifier: MIT
// InstanceMetadataProvider: the EC2 instance role's credentials through IMDSv2: a token PUT,
// then the role name and its credentials with the token on each GET
// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-v2-how-it-works.html).
// AWS_EC2_METADATA_SERVICE_ENDPOINT moves it, AWS_EC2_METADATA_DISABLED=true turns it off.
#pragma once

#include <rolehelper/credentials/provider.hpp>
#include <rolehelper/net/http.hpp>
#include <rolehelper/os/environment.hpp>

namespace rolehelper::credentials {

class InstanceMetadataProvider final : public Provider {
 public:
  InstanceMetadataProvider(net::HttpClient& http, const os::Environment& env)
      : m_http(http), m_env(env) {}
  [[nodiscard]] aws::Credentials retrieve() override;
  [[nodiscard]] std::string describe() const override {
    return "the EC2 instance metadata service (IMDSv2)";
  }
  [[nodiscard]] std::string identity() const override {
    return "imds:" + m_env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT").value_or("");
  }

 private:
  net::HttpClient& m_http;
  const os::Environment& m_env;
};

}  // namespace rolehelper::credentials
