// SPDX-License-Identifier: MIT
// AES-256-GCM (OpenSSL). seal() draws a fresh random 96-bit nonce for every call and returns
// nonce || ciphertext || tag; open() returns the plaintext, or std::nullopt when the key,
// the associated data or any byte of the sealed text is wrong (never a partial plaintext).
#pragma once

#include <rolehelper/util/secret.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::crypto {

inline constexpr std::size_t k_aead_key_size = 32;
inline constexpr std::size_t k_aead_nonce_size = 12;
inline constexpr std::size_t k_aead_tag_size = 16;

// `key` must hold k_aead_key_size bytes; otherwise Error(internal).
[[nodiscard]] std::string seal(const util::Secret& key, std::string_view plaintext,
                               std::string_view associated_data);
[[nodiscard]] std::optional<util::Secret> open(const util::Secret& key, std::string_view sealed,
                                               std::string_view associated_data);

}  // namespace rolehelper::crypto
