// SPDX-License-Identifier: MIT
// The cache's data key: ROLEHELPER_CACHE_KEY (base64 of 32 bytes) when set, else the key file
// ${XDG_CONFIG_HOME:-~/.config}/rolehelper/cache.key, made on first use from OpenSSL's RNG
// (0600 in a 0700 folder, created whole or not at all). A key file that others may read, or
// a malformed key, throws Error(cache) saying how to fix it.
#pragma once

#include <rolehelper/os/environment.hpp>
#include <rolehelper/util/secret.hpp>

#include <filesystem>
#include <optional>

namespace rolehelper::cache {

[[nodiscard]] std::filesystem::path default_key_file(const os::Environment& env);

// The key if there is one (the variable, or an existing key file); never creates the file.
[[nodiscard]] std::optional<util::Secret> find_cache_key(const os::Environment& env);

[[nodiscard]] util::Secret load_or_create_cache_key(const os::Environment& env);

}  // namespace rolehelper::cache
