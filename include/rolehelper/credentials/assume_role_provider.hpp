// SPDX-License-Identifier: MIT
// AssumeRoleProvider: asks its source for credentials and calls STS AssumeRole with them,
// asking for an MFA code first when the role has an MFA serial.
#pragma once

#include <rolehelper/credentials/mfa.hpp>
#include <rolehelper/credentials/provider.hpp>
#include <rolehelper/net/sts_client.hpp>

#include <memory>

namespace rolehelper::credentials {

class AssumeRoleProvider final : public Provider {
 public:
  AssumeRoleProvider(std::string profile, std::unique_ptr<Provider> source,
                     std::shared_ptr<net::StsClient> sts, net::AssumeRoleRequest request,
                     std::optional<std::string> mfa_process, MfaSources mfa)
      : m_profile(std::move(profile)),
        m_source(std::move(source)),
        m_sts(std::move(sts)),
        m_request(std::move(request)),
        m_mfa_process(std::move(mfa_process)),
        m_mfa(std::move(mfa)) {}
  [[nodiscard]] aws::Credentials retrieve() override;
  [[nodiscard]] std::string describe() const override;
  [[nodiscard]] std::string identity() const override {
    return "role:" + m_request.role_arn + " with " + m_source->identity();
  }

 private:
  std::string m_profile;
  std::unique_ptr<Provider> m_source;
  std::shared_ptr<net::StsClient> m_sts;
  net::AssumeRoleRequest m_request;
  std::optional<std::string> m_mfa_process;
  MfaSources m_mfa;
};

// AssumeRoleWithWebIdentity with the token read from a file on every call.
class WebIdentityProvider final : public Provider {
 public:
  WebIdentityProvider(std::shared_ptr<net::StsClient> sts, std::string role_arn,
                      std::string token_file, std::string session_name)
      : m_sts(std::move(sts)),
        m_role_arn(std::move(role_arn)),
        m_token_file(std::move(token_file)),
        m_session_name(std::move(session_name)) {}
  [[nodiscard]] aws::Credentials retrieve() override;
  [[nodiscard]] std::string describe() const override {
    return "role " + m_role_arn + " with the web identity token in " + m_token_file;
  }
  [[nodiscard]] std::string identity() const override {
    return "web-identity:" + m_role_arn + " with " + m_token_file;
  }

 private:
  std::shared_ptr<net::StsClient> m_sts;
  std::string m_role_arn;
  std::string m_token_file;
  std::string m_session_name;
};

}  // namespace rolehelper::credentials
