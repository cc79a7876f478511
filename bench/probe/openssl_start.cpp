// SPDX-License-Identifier: MIT
// Where a cache hit's time goes inside OpenSSL 3: a process that starts OpenSSL as rolehelper
// does (src/crypto/library.cpp), then optionally computes one SHA-256 (argument bit 1) and
// sets up one AES-256-GCM decryption (bit 2). Build and time it (bench/README.md):
//   g++ -O2 bench/probe/openssl_start.cpp -o /tmp/probe -pthread -ldl
//       /usr/lib/x86_64-linux-gnu/libcrypto.a -static-libstdc++ -static-libgcc   (one line)
//   hyperfine -N '/tmp/probe 0' '/tmp/probe 1' '/tmp/probe 2' '/tmp/probe 3'
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  const int mode = argc > 1 ? std::atoi(argv[1]) : 0;
  OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ADD_ALL_CIPHERS |
                          OPENSSL_INIT_NO_ADD_ALL_DIGESTS | OPENSSL_INIT_NO_LOAD_CRYPTO_STRINGS,
                      nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if ((mode & 1) != 0) {
    EVP_Digest("abc", 3, digest, &length, EVP_sha256(), nullptr);
  }
  if ((mode & 2) != 0) {
    EVP_CIPHER_CTX* context = EVP_CIPHER_CTX_new();
    const unsigned char key[32] = {};
    const unsigned char nonce[12] = {};
    EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nullptr, key, nonce);
    EVP_CIPHER_CTX_free(context);
  }
  std::printf("%u\n", length);
  return 0;
}
