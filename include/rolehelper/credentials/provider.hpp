// SPDX-License-Identifier: MIT
// Provider: one source of credentials. retrieve() returns them or throws util::Error with
// the reason and the next step; describe() names the source for logs and doctor, never
// with a secret. Caching is a decorator around a provider, not a concern of each source.
#pragma once

#include <rolehelper/aws/credentials.hpp>

#include <string>

namespace rolehelper::credentials {

class Provider {
 public:
  virtual ~Provider() = default;
  [[nodiscard]] virtual aws::Credentials retrieve() = 0;
  [[nodiscard]] virtual std::string describe() const = 0;
};

}  // namespace rolehelper::credentials
