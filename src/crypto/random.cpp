// SPDX-License-Identifier: MIT
#include <rolehelper/crypto/random.hpp>
#include <rolehelper/util/error.hpp>

#include <openssl/rand.h>

#include "library.hpp"

namespace rolehelper::crypto {

std::string random_bytes(std::size_t count) {
  detail::ready_openssl();
  std::string bytes(count, '\0');
  if (count > 0 &&
      RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
    throw util::Error(util::ErrorKind::internal, "the system's random number generator failed");
  }
  return bytes;
}

}  // namespace rolehelper::crypto
