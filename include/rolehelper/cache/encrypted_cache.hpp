// SPDX-License-Identifier: MIT
// EncryptedCache: one file per cache key in a 0700 folder, each 0600 and written atomically:
// a version header, then AES-256-GCM (fresh random nonce per write) over the credentials and
// their expiry, with the header and the cache key as associated data, so an entry renamed to
// another key, tampered with, truncated, written under another key or by another format
// version does not open. load() treats every such entry as a miss, never as an error.
#pragma once

#include <rolehelper/aws/credentials.hpp>
#include <rolehelper/util/secret.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolehelper::cache {

struct CacheEntry {
  aws::Credentials credentials;
  std::string profile;  // for `cache list` and `cache clear NAME`; not part of the key
  std::string role_arn;
};

class EncryptedCache {
 public:
  // `key` is the 32-byte data key (key_store.hpp).
  EncryptedCache(std::filesystem::path folder, util::Secret key);

  // The entry, if it exists and opens with this key under this name; otherwise std::nullopt.
  [[nodiscard]] std::optional<CacheEntry> load(std::string_view cache_key) const;
  // Writes the entry atomically. Throws Error(cache) when the folder cannot be written.
  void store(std::string_view cache_key, const CacheEntry& entry) const;
  bool remove(std::string_view cache_key) const;
  // The cache keys of every entry file in the folder (whether or not it opens).
  [[nodiscard]] std::vector<std::string> keys() const;

  [[nodiscard]] std::filesystem::path entry_path(std::string_view cache_key) const;
  [[nodiscard]] std::filesystem::path lock_path(std::string_view cache_key) const;
  [[nodiscard]] const std::filesystem::path& folder() const noexcept { return m_folder; }

 private:
  std::filesystem::path m_folder;
  util::Secret m_key;
};

// The folder: ROLEHELPER_CACHE_DIR, else ${XDG_CACHE_HOME:-~/.cache}/rolehelper.
[[nodiscard]] std::filesystem::path default_cache_folder(
    const std::optional<std::string>& cache_dir_variable,
    const std::optional<std::string>& xdg_cache_home, const std::string& home);

}  // namespace rolehelper::cache
