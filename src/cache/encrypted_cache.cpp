// SPDX-License-Identifier: MIT
// Entry file: "RHCACHE" + format version byte, then nonce || ciphertext || tag.
#include <rolehelper/aws/credentials_json.hpp>
#include <rolehelper/cache/encrypted_cache.hpp>
#include <rolehelper/crypto/aead.hpp>
#include <rolehelper/os/atomic_file.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/json.hpp>

#include <algorithm>

namespace rolehelper::cache {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;

namespace {

constexpr std::string_view k_header = "RHCACHE\x01";
constexpr std::string_view k_suffix = ".entry";

bool is_cache_key(std::string_view name) {
  return name.size() == 64 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string associated_data(std::string_view cache_key) {
  return std::string(k_header) + std::string(cache_key);
}

}  // namespace

EncryptedCache::EncryptedCache(fs::path folder, util::Secret key)
    : m_folder(std::move(folder)), m_key(std::move(key)) {}

fs::path EncryptedCache::entry_path(std::string_view cache_key) const {
  return m_folder / (std::string(cache_key) + std::string(k_suffix));
}

fs::path EncryptedCache::lock_path(std::string_view cache_key) const {
  return m_folder / (std::string(cache_key) + ".lock");
}

std::optional<CacheEntry> EncryptedCache::load(std::string_view cache_key) const {
  std::optional<std::string> file;
  try {
    file = os::read_file(entry_path(cache_key));
  } catch (const Error&) {
    return std::nullopt;  // unreadable is a miss too
  }
  if (!file || !file->starts_with(k_header)) {
    return std::nullopt;
  }
  const auto plaintext = crypto::open(m_key, std::string_view(*file).substr(k_header.size()),
                                      associated_data(cache_key));
  if (!plaintext) {
    return std::nullopt;
  }
  try {
    const auto json = util::parse_json(plaintext->expose());
    CacheEntry entry;
    entry.credentials = aws::read_credentials(json, "SessionToken", "a cache entry");
    entry.profile = aws::string_member(json, "Profile").value_or("");
    entry.role_arn = aws::string_member(json, "RoleArn").value_or("");
    return entry;
  } catch (const Error&) {
    return std::nullopt;
  }
}

void EncryptedCache::store(std::string_view cache_key, const CacheEntry& entry) const {
  os::ensure_directory(m_folder, 0700);
  util::JsonValue json = util::JsonValue::Object{};
  aws::put_credentials(json, entry.credentials);
  json.set("Profile", entry.profile).set("RoleArn", entry.role_arn);
  std::string plaintext = util::to_json(json);
  std::string sealed =
      std::string(k_header) + crypto::seal(m_key, plaintext, associated_data(cache_key));
  util::wipe(plaintext);
  os::AtomicFile file(entry_path(cache_key), 0600);
  file.write(sealed);
  file.commit();
}

bool EncryptedCache::remove(std::string_view cache_key) const {
  std::error_code ec;
  const bool removed = fs::remove(entry_path(cache_key), ec);
  fs::remove(lock_path(cache_key), ec);
  return removed;
}

std::vector<std::string> EncryptedCache::keys() const {
  std::vector<std::string> keys;
  std::error_code ec;
  for (fs::directory_iterator it(m_folder, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.ends_with(k_suffix) &&
        is_cache_key(std::string_view(name).substr(0, name.size() - k_suffix.size()))) {
      keys.push_back(name.substr(0, name.size() - k_suffix.size()));
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

fs::path default_cache_folder(const std::optional<std::string>& cache_dir_variable,
                              const std::optional<std::string>& xdg_cache_home,
                              const std::string& home) {
  if (cache_dir_variable && !cache_dir_variable->empty()) {
    return *cache_dir_variable;
  }
  const fs::path base = xdg_cache_home && !xdg_cache_home->empty() ? fs::path(*xdg_cache_home)
                                                                   : fs::path(home) / ".cache";
  return base / "rolehelper";
}

}  // namespace rolehelper::cache
