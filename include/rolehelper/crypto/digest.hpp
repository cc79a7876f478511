// SPDX-License-Identifier: MIT
// SHA-256 and HMAC-SHA-256 (OpenSSL), for SigV4 and cache keys. Results are raw bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace rolehelper::crypto {

using Digest = std::array<std::uint8_t, 32>;

[[nodiscard]] Digest sha256(std::string_view data);
[[nodiscard]] Digest hmac_sha256(std::string_view key, std::string_view data);

// The bytes of a digest as a string_view, to chain HMACs (SigV4's key derivation).
[[nodiscard]] inline std::string_view as_bytes(const Digest& digest) noexcept {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace rolehelper::crypto
