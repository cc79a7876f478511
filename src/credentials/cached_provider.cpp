// SPDX-License-Identifier: MIT
#include <rolehelper/credentials/cached_provider.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/os/file_lock.hpp>
#include <rolehelper/util/error.hpp>

#include <optional>

namespace rolehelper::credentials {
using util::Error;
using util::ErrorKind;

namespace {

// Longer than an STS call with its retries, and than typing an MFA code.
constexpr auto k_refresh_wait = std::chrono::minutes(5);

}  // namespace

aws::Credentials CachedProvider::retrieve() {
  const std::string name = "profile '" + m_session.profile + "'";
  const auto started = m_clock.now();
  if (!m_force_refresh) {
    if (auto entry = m_cache->load(m_session.cache_key); entry && entry->is_fresh(started)) {
      m_log.debug(name + ": cached session, valid until " +
                  util::format_rfc3339(*entry->credentials.expiration));
      return std::move(entry->credentials);
    }
  }

  std::optional<os::FileLock> lock;
  try {
    m_cache->prepare_folder();
    lock.emplace(m_cache->lock_path(m_session.cache_key));
  } catch (const Error& error) {
    // A cache that cannot be used must not cost the user the credentials.
    m_log.warning(name + ": " + error.what() + "; going on without the cache (" +
                  (error.hint().empty()
                       ? std::string("set ROLEHELPER_CACHE_DIR to a writable folder")
                       : error.hint()) +
                  ", or pass --no-cache)");
    return m_inner->retrieve();
  }
  try {
    lock->lock(k_refresh_wait);
  } catch (const Error&) {
    throw Error(ErrorKind::io,
                name + ": another rolehelper has been refreshing this session for 5 minutes",
                "let it finish (it may be waiting for an MFA code), or run with --no-cache");
  }
  auto entry = m_cache->load(m_session.cache_key);
  const auto now = m_clock.now();
  if (entry && entry->is_fresh(now) && (!m_force_refresh || entry->obtained > started)) {
    m_log.debug(name + ": another rolehelper refreshed the session while this one waited");
    return std::move(entry->credentials);
  }

  m_log.debug(name + (entry ? ": cached session is due for refresh" : ": no cached session"));
  cache::CacheEntry fresh{{}, now, m_session.profile, m_session.role_arn};
  try {
    fresh.credentials = m_inner->retrieve();
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::network && entry && *entry->credentials.expiration > now) {
      m_log.warning(name + ": " + error.what() + "; serving the cached session, valid until " +
                    util::format_rfc3339(*entry->credentials.expiration));
      return std::move(entry->credentials);
    }
    throw;
  }
  if (fresh.credentials.expiration) {
    try {
      m_cache->store(m_session.cache_key, fresh);
    } catch (const Error& error) {
      // The session is good; only the next run will have to ask STS again.
      m_log.warning(name + ": cannot write the cache: " + error.what());
    }
  }
  return std::move(fresh.credentials);
}

}  // namespace rolehelper::credentials
