// SPDX-License-Identifier: MIT
#include <rolehelper/cache/key_store.hpp>
#include <rolehelper/crypto/aead.hpp>
#include <rolehelper/crypto/random.hpp>
#include <rolehelper/os/atomic_file.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/os/paths.hpp>
#include <rolehelper/util/encoding.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/strings.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace rolehelper::cache {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;

namespace {

util::Secret decode_key(std::string_view text, std::string_view where) {
  auto bytes = util::base64_decode(util::trim_ascii(text));
  if (!bytes || bytes->size() != crypto::k_aead_key_size) {
    if (bytes) {
      util::wipe(*bytes);
    }
    throw Error(ErrorKind::cache, std::string(where) + " is not the base64 of 32 bytes",
                "make a key with: head -c 32 /dev/urandom | base64");
  }
  return util::Secret(std::move(*bytes));
}

}  // namespace

fs::path default_key_file(const os::Environment& env) {
  const auto config_home = env.get_nonempty("XDG_CONFIG_HOME");
  const fs::path base =
      config_home ? fs::path(*config_home) : fs::path(os::home_directory(env)) / ".config";
  return base / "rolehelper" / "cache.key";
}

std::optional<util::Secret> find_cache_key(const os::Environment& env) {
  if (auto variable = env.get_nonempty("ROLEHELPER_CACHE_KEY")) {
    auto key = decode_key(*variable, "ROLEHELPER_CACHE_KEY");
    util::wipe(*variable);
    return key;
  }
  const fs::path file = default_key_file(env);
  const auto status = os::file_status(file);
  if (!status) {
    return std::nullopt;
  }
  if ((status->mode & 077) != 0) {
    throw Error(ErrorKind::cache,
                "the cache key file " + file.string() + " has mode " +
                    util::octal_mode(status->mode) + ": others may read it",
                "run: chmod 600 " + file.string());
  }
  auto text = os::read_file(file);
  if (!text) {
    throw Error(ErrorKind::cache, "cannot read the cache key file " + file.string());
  }
  auto key = decode_key(*text, "the cache key file " + file.string());
  util::wipe(*text);
  return key;
}

util::Secret load_or_create_cache_key(const os::Environment& env) {
  if (auto key = find_cache_key(env)) {
    return std::move(*key);
  }
  // Made whole in a temporary file, then linked into place: link() fails if another
  // process was first, and a reader never sees a half-written key.
  const fs::path file = default_key_file(env);
  os::ensure_directory(file.parent_path(), 0700);
  std::string encoded = util::base64_encode(crypto::random_bytes(crypto::k_aead_key_size)) + "\n";
  const fs::path temp = file.parent_path() / (".cache.key.new." + std::to_string(::getpid()));
  {
    os::AtomicFile writer(temp, 0600);
    writer.write(encoded);
    writer.commit();
  }
  util::wipe(encoded);
  if (::link(temp.c_str(), file.c_str()) != 0 && errno != EEXIST) {
    const int error = errno;
    ::unlink(temp.c_str());
    throw Error(ErrorKind::cache,
                "cannot create the cache key file " + file.string() + ": " + std::strerror(error),
                "check that " + file.parent_path().string() + " is writable");
  }
  ::unlink(temp.c_str());
  if (auto key = find_cache_key(env)) {
    return std::move(*key);
  }
  throw Error(ErrorKind::cache, "cannot read the cache key file " + file.string());
}

}  // namespace rolehelper::cache
