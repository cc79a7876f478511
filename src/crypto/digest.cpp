// SPDX-License-Identifier: MIT
#include <rolehelper/crypto/digest.hpp>
#include <rolehelper/util/error.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "library.hpp"

namespace rolehelper::crypto {

Digest sha256(std::string_view data) {
  detail::ready_openssl();
  Digest digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size()) {
    throw util::Error(util::ErrorKind::internal, "SHA-256 failed");
  }
  return digest;
}

Digest hmac_sha256(std::string_view key, std::string_view data) {
  detail::ready_openssl();
  Digest digest{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(),
           &length) == nullptr ||
      length != digest.size()) {
    throw util::Error(util::ErrorKind::internal, "HMAC-SHA-256 failed");
  }
  return digest;
}

}  // namespace rolehelper::crypto
