// SPDX-License-Identifier: MIT
// Provider: one source of credentials. retrieve() returns them or throws util::Error with
// the reason and the next step; describe() names the source for logs and doctor, never
// with a secret. identity() is what a role assumed with these credentials is cached under
// (cache_key.hpp): it must be known without a network call and hold no secret. Caching is a
// decorator around a provider (cached_provider.hpp), not a concern of each source.
#pragma once

#include <rolehelper/aws/credentials.hpp>

#include <optional>
#include <string>

namespace rolehelper::credentials {

class Provider {
 public:
  virtual ~Provider() = default;
  [[nodiscard]] virtual aws::Credentials retrieve() = 0;
  [[nodiscard]] virtual std::string describe() const = 0;
  [[nodiscard]] virtual std::string identity() const = 0;
  // The cache entry retrieve() is served from, for a provider that caches.
  [[nodiscard]] virtual std::optional<std::string> cache_key() const { return std::nullopt; }
};

}  // namespace rolehelper::credentials
