// SPDX-License-Identifier: MIT
// EnvironmentProvider: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (or
// AWS_SECURITY_TOKEN) and AWS_CREDENTIAL_EXPIRATION, as credential_source = Environment reads
// them. Throws Error(config) when the key id or the secret is missing.
#pragma once

#include <rolehelper/credentials/provider.hpp>
#include <rolehelper/os/environment.hpp>

namespace rolehelper::credentials {

class EnvironmentProvider final : public Provider {
 public:
  explicit EnvironmentProvider(const os::Environment& env) : m_env(env) {}
  [[nodiscard]] aws::Credentials retrieve() override;
  [[nodiscard]] std::string describe() const override { return "the AWS_* environment variables"; }
  [[nodiscard]] std::string identity() const override {
    return "environment:" + m_env.get("AWS_ACCESS_KEY_ID").value_or("");
  }

 private:
  const os::Environment& m_env;
};

}  // namespace rolehelper::credentials
