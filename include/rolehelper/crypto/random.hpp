// SPDX-License-Identifier: MIT
// Cryptographically secure random bytes from OpenSSL's RNG. Throws Error(internal) if the
// RNG fails, never returns weaker bytes.
#pragma once

#include <cstddef>
#include <string>

namespace rolehelper::crypto {

[[nodiscard]] std::string random_bytes(std::size_t count);

}  // namespace rolehelper::crypto
