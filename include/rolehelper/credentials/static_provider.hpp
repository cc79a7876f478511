// SPDX-License-Identifier: MIT
// StaticProvider: credentials already known, e.g. the keys of a config or credentials file.
#pragma once

#include <rolehelper/credentials/provider.hpp>

namespace rolehelper::credentials {

class StaticProvider final : public Provider {
 public:
  StaticProvider(aws::Credentials credentials, std::string description)
      : m_credentials(std::move(credentials)), m_description(std::move(description)) {}
  [[nodiscard]] aws::Credentials retrieve() override { return m_credentials; }
  [[nodiscard]] std::string describe() const override { return m_description; }
  [[nodiscard]] std::string identity() const override {
    return "keys:" + m_credentials.access_key_id;
  }

 private:
  aws::Credentials m_credentials;
  std::string m_description;
};

}  // namespace rolehelper::credentials
