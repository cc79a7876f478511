// SPDX-License-Identifier: MIT
// EncryptedCache: the cache folder (0700). Each file is 0600 and written atomically: a
// version header, then AES-256-GCM (fresh random nonce per write) with the header and the
// file's name as associated data, so a file renamed to another name, tampered with,
// truncated, written under another key or by another format version does not open. Reads
// treat every such file as a miss, never as an error.
//   <cache key>.entry  a session: the credentials, their expiry and when they were obtained
//   <cache key>.lock   the lock a refresh of that entry holds (cached_provider.hpp)
//   <slot>.route       the cache key a `get` resolved to, and under which route id (route.hpp)
#pragma once

#include <rolehelper/aws/credentials.hpp>
#include <rolehelper/cache/freshness.hpp>
#include <rolehelper/cache/route.hpp>
#include <rolehelper/util/secret.hpp>
#include <rolehelper/util/time.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolehelper::cache {

struct CacheEntry {
  aws::Credentials credentials;  // always with an expiration
  util::TimePoint obtained{};    // when STS issued them: the refresh margin is half the lifetime
  std::string profile;           // for `cache list` and `cache clear NAME`; not part of the key
  std::string role_arn;

  // More than the refresh margin remains at `now` (freshness.hpp).
  [[nodiscard]] bool is_fresh(util::TimePoint now) const {
    return cache::is_fresh(obtained, *credentials.expiration, now);
  }
};

class EncryptedCache {
 public:
  // The data key is asked of `key_source` on first use (key_store.hpp), so that a run that
  // never touches the cache never reads or creates the key file.
  EncryptedCache(std::filesystem::path folder, std::function<util::Secret()> key_source);
  EncryptedCache(std::filesystem::path folder, util::Secret key);

  // The entry, if it exists and opens with this key under this name; otherwise std::nullopt.
  [[nodiscard]] std::optional<CacheEntry> load(std::string_view cache_key) const;
  // Writes the entry atomically. Throws Error(cache) when the folder cannot be written.
  void store(std::string_view cache_key, const CacheEntry& entry) const;
  bool remove(std::string_view cache_key) const;
  // The cache keys of every entry file in the folder (whether or not it opens).
  [[nodiscard]] std::vector<std::string> keys() const;

  // The cache key the route's slot holds, if the slot holds this route's id.
  [[nodiscard]] std::optional<std::string> load_route(const Route& route) const;
  void store_route(const Route& route, std::string_view cache_key) const;
  // Removes every route: they are shortcuts, made again by the next get.
  std::size_t remove_routes() const;

  // Creates the folder (0700), or checks it: another user's folder throws Error(cache);
  // one of ours that others may read or write is made 0700.
  void prepare_folder() const;
  // The names of lock files and of temporary files left by killed writers.
  [[nodiscard]] std::vector<std::filesystem::path> lock_files() const;
  [[nodiscard]] std::vector<std::filesystem::path> leftover_temporary_files() const;

  [[nodiscard]] std::filesystem::path entry_path(std::string_view cache_key) const;
  [[nodiscard]] std::filesystem::path lock_path(std::string_view cache_key) const;
  [[nodiscard]] std::filesystem::path route_path(std::string_view slot) const;
  [[nodiscard]] const std::filesystem::path& folder() const noexcept { return m_folder; }

 private:
  [[nodiscard]] const util::Secret& key() const;
  [[nodiscard]] std::optional<util::Secret> open_file(const std::filesystem::path& path,
                                                      std::string_view header,
                                                      std::string_view name) const;
  void seal_file(const std::filesystem::path& path, std::string_view header, std::string_view name,
                 std::string_view plaintext) const;

  std::filesystem::path m_folder;
  std::function<util::Secret()> m_key_source;
  mutable std::optional<util::Secret> m_key;
};

// The folder: ROLEHELPER_CACHE_DIR, else ${XDG_CACHE_HOME:-~/.cache}/rolehelper.
[[nodiscard]] std::filesystem::path default_cache_folder(
    const std::optional<std::string>& cache_dir_variable,
    const std::optional<std::string>& xdg_cache_home, const std::string& home);

}  // namespace rolehelper::cache
