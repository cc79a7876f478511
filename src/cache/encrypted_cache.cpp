// SPDX-License-Identifier: MIT
// Each file: a header ("RHCACHE" or "RHROUTE" and a format version byte), then
// nonce || ciphertext || tag, the associated data being the header and the file's name.
#include <rolehelper/aws/credentials_json.hpp>
#include <rolehelper/cache/encrypted_cache.hpp>
#include <rolehelper/crypto/aead.hpp>
#include <rolehelper/os/atomic_file.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/json.hpp>
#include <rolehelper/util/strings.hpp>

#include <unistd.h>

#include <algorithm>
#include <sys/stat.h>

namespace rolehelper::cache {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;

namespace {

constexpr std::string_view k_entry_header = "RHCACHE\x01";
constexpr std::string_view k_route_header = "RHROUTE\x01";
constexpr std::string_view k_entry_suffix = ".entry";
constexpr std::string_view k_route_suffix = ".route";
constexpr std::string_view k_lock_suffix = ".lock";

bool is_hex_name(std::string_view name) {
  return name.size() == 64 && std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The hex names of the folder's files that end in `suffix`.
std::vector<std::string> names_with_suffix(const fs::path& folder, std::string_view suffix) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const auto file = it->path().filename().string();
    if (file.ends_with(suffix)) {
      auto name = file.substr(0, file.size() - suffix.size());
      if (is_hex_name(name)) {
        names.push_back(std::move(name));
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

EncryptedCache::EncryptedCache(fs::path folder, std::function<util::Secret()> key_source)
    : m_folder(std::move(folder)), m_key_source(std::move(key_source)) {}

EncryptedCache::EncryptedCache(fs::path folder, util::Secret key)
    : m_folder(std::move(folder)), m_key(std::move(key)) {}

const util::Secret& EncryptedCache::key() const {
  if (!m_key) {
    m_key = m_key_source();
  }
  return *m_key;
}

fs::path EncryptedCache::entry_path(std::string_view cache_key) const {
  return m_folder / (std::string(cache_key) + std::string(k_entry_suffix));
}

fs::path EncryptedCache::lock_path(std::string_view cache_key) const {
  return m_folder / (std::string(cache_key) + std::string(k_lock_suffix));
}

fs::path EncryptedCache::route_path(std::string_view slot) const {
  return m_folder / (std::string(slot) + std::string(k_route_suffix));
}

std::optional<util::Secret> EncryptedCache::open_file(const fs::path& path, std::string_view header,
                                                      std::string_view name) const {
  std::optional<std::string> file;
  try {
    file = os::read_file(path);
  } catch (const Error&) {
    return std::nullopt;  // unreadable is a miss too
  }
  if (!file || !file->starts_with(header)) {
    return std::nullopt;
  }
  return crypto::open(key(), std::string_view(*file).substr(header.size()),
                      std::string(header) + std::string(name));
}

void EncryptedCache::seal_file(const fs::path& path, std::string_view header, std::string_view name,
                               std::string_view plaintext) const {
  const std::string sealed =
      std::string(header) + crypto::seal(key(), plaintext, std::string(header) + std::string(name));
  prepare_folder();
  os::AtomicFile file(path, 0600);
  file.write(sealed);
  file.commit();
}

void EncryptedCache::prepare_folder() const {
  os::ensure_directory(m_folder, 0700);
  const auto status = os::file_status(m_folder);
  if (!status) {
    throw Error(ErrorKind::cache, "the cache folder " + m_folder.string() + " vanished");
  }
  if (status->owner != ::geteuid()) {
    throw Error(ErrorKind::cache,
                "the cache folder " + m_folder.string() + " belongs to another user",
                "set ROLEHELPER_CACHE_DIR to a folder of your own");
  }
  if ((status->mode & 077) != 0 && ::chmod(m_folder.c_str(), 0700) != 0) {
    throw Error(ErrorKind::cache,
                "the cache folder " + m_folder.string() + " has mode " +
                    util::octal_mode(status->mode) + " and cannot be made private",
                "run: chmod 700 " + m_folder.string());
  }
}

std::vector<fs::path> EncryptedCache::lock_files() const {
  std::vector<fs::path> paths;
  for (const auto& name : names_with_suffix(m_folder, k_lock_suffix)) {
    paths.push_back(lock_path(name));
  }
  return paths;
}

std::vector<fs::path> EncryptedCache::leftover_temporary_files() const {
  std::vector<fs::path> paths;
  std::error_code ec;
  for (fs::directory_iterator it(m_folder, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    // ".<hex>.entry.rolehelper-tmp-XXXXXX" and the like, from os::AtomicFile
    const auto marker = name.find(".rolehelper-tmp-");
    if (name.starts_with(".") && marker != std::string::npos) {
      const auto target = std::string_view(name).substr(1, marker - 1);
      const auto dot = target.find('.');
      if (dot != std::string_view::npos && is_hex_name(target.substr(0, dot))) {
        paths.push_back(it->path());
      }
    }
  }
  return paths;
}

std::optional<CacheEntry> EncryptedCache::load(std::string_view cache_key) const {
  const auto plaintext = open_file(entry_path(cache_key), k_entry_header, cache_key);
  if (!plaintext) {
    return std::nullopt;
  }
  try {
    const auto json = util::parse_json(plaintext->expose());
    CacheEntry entry;
    entry.credentials = aws::read_credentials(json, "SessionToken", "a cache entry");
    const auto obtained = aws::string_member(json, "Obtained");
    const auto obtained_time = obtained ? util::parse_iso8601(*obtained) : std::nullopt;
    if (!entry.credentials.expiration || !obtained_time) {
      return std::nullopt;
    }
    entry.obtained = *obtained_time;
    entry.profile = aws::string_member(json, "Profile").value_or("");
    entry.role_arn = aws::string_member(json, "RoleArn").value_or("");
    return entry;
  } catch (const Error&) {
    return std::nullopt;
  }
}

void EncryptedCache::store(std::string_view cache_key, const CacheEntry& entry) const {
  if (!entry.credentials.expiration) {
    throw Error(ErrorKind::internal, "a cache entry needs an expiration");
  }
  util::JsonValue json = util::JsonValue::Object{};
  aws::put_credentials(json, entry.credentials);
  json.set("Obtained", util::format_rfc3339(entry.obtained))
      .set("Profile", entry.profile)
      .set("RoleArn", entry.role_arn);
  std::string plaintext = util::to_json(json);
  seal_file(entry_path(cache_key), k_entry_header, cache_key, plaintext);
  util::wipe(plaintext);
}

bool EncryptedCache::remove(std::string_view cache_key) const {
  std::error_code ec;
  return fs::remove(entry_path(cache_key), ec);
}

std::vector<std::string> EncryptedCache::keys() const {
  return names_with_suffix(m_folder, k_entry_suffix);
}

std::optional<std::string> EncryptedCache::load_route(const Route& route) const {
  const auto plaintext = open_file(route_path(route.slot), k_route_header, route.slot);
  // The plaintext: the route id, a newline, the cache key.
  if (!plaintext || plaintext->size() != 129 || !plaintext->expose().starts_with(route.id)) {
    return std::nullopt;
  }
  const auto cache_key = plaintext->expose().substr(65);
  return is_hex_name(cache_key) ? std::optional<std::string>(cache_key) : std::nullopt;
}

void EncryptedCache::store_route(const Route& route, std::string_view cache_key) const {
  seal_file(route_path(route.slot), k_route_header, route.slot,
            route.id + "\n" + std::string(cache_key));
}

std::size_t EncryptedCache::remove_routes() const {
  std::size_t removed = 0;
  for (const auto& route : names_with_suffix(m_folder, k_route_suffix)) {
    std::error_code ec;
    removed += fs::remove(route_path(route), ec) ? 1U : 0U;
  }
  return removed;
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
