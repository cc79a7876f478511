// SPDX-License-Identifier: MIT
// CachedProvider: serves a role's session from the encrypted cache while it is fresh
// (freshness.hpp), and otherwise gets a new one with a single flight: an exclusive lock on
// the entry's lock file, a second look at the cache (another process may have refreshed it
// while this one waited), the call to STS only if still needed, the write, the release.
// A process killed while it holds the lock releases it by dying. When STS cannot be
// reached but the cached session has not expired, that session is served, with a warning.
#pragma once

#include <rolehelper/cache/encrypted_cache.hpp>
#include <rolehelper/credentials/provider.hpp>
#include <rolehelper/util/log.hpp>
#include <rolehelper/util/time.hpp>

#include <memory>
#include <string>

namespace rolehelper::credentials {

struct CachedSession {
  std::string cache_key;  // cache_key.hpp
  std::string profile;    // stored for `cache list`; not part of the key
  std::string role_arn;
};

class CachedProvider final : public Provider {
 public:
  CachedProvider(std::unique_ptr<Provider> inner, CachedSession session,
                 std::shared_ptr<const cache::EncryptedCache> cache, const util::Clock& clock,
                 const util::Logger& log)
      : m_inner(std::move(inner)),
        m_session(std::move(session)),
        m_cache(std::move(cache)),
        m_clock(clock),
        m_log(log) {}

  [[nodiscard]] aws::Credentials retrieve() override;
  [[nodiscard]] std::string describe() const override { return m_inner->describe(); }
  [[nodiscard]] std::string identity() const override { return "entry:" + m_session.cache_key; }
  [[nodiscard]] std::optional<std::string> cache_key() const override {
    return m_session.cache_key;
  }

  // --refresh: the next retrieve() asks STS even if the cached session is fresh (unless
  // another process refreshed it after this one started waiting).
  void force_refresh() noexcept { m_force_refresh = true; }

 private:
  std::unique_ptr<Provider> m_inner;
  CachedSession m_session;
  std::shared_ptr<const cache::EncryptedCache> m_cache;
  const util::Clock& m_clock;
  const util::Logger& m_log;
  bool m_force_refresh = false;
};

}  // namespace rolehelper::credentials
