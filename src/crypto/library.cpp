// SPDX-License-Identifier: MIT
#include "library.hpp"

#include <rolehelper/util/error.hpp>

#include <openssl/crypto.h>

namespace rolehelper::crypto::detail {

void ready_openssl() {
  static const bool ready =
      OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS |
                              OPENSSL_INIT_NO_ADD_ALL_DIGESTS | OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS,
                          nullptr) == 1;
  if (!ready) {
    throw util::Error(util::ErrorKind::internal, "OpenSSL could not be initialised");
  }
}

}  // namespace rolehelper::crypto::detail
