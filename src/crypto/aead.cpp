// SPDX-License-Identifier: MIT
#include <rolehelper/crypto/aead.hpp>
#include <rolehelper/crypto/random.hpp>
#include <rolehelper/util/error.hpp>

#include <openssl/evp.h>

#include <memory>

#include "library.hpp"

namespace rolehelper::crypto {
namespace {

using Context = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}
unsigned char* bytes(std::string& text) {
  return reinterpret_cast<unsigned char*>(text.data());
}

void require_key(const util::Secret& key) {
  if (key.size() != k_aead_key_size) {
    throw util::Error(util::ErrorKind::internal, "an AES-256-GCM key has 32 bytes");
  }
}

}  // namespace

std::string seal(const util::Secret& key, std::string_view plaintext,
                 std::string_view associated_data) {
  require_key(key);
  detail::ready_openssl();
  const std::string nonce = random_bytes(k_aead_nonce_size);
  Context context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out = nonce;
  out.resize(k_aead_nonce_size + plaintext.size() + k_aead_tag_size);
  int length = 0;
  int final_length = 0;
  const bool ok =
      context &&
      EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN,
                          static_cast<int>(k_aead_nonce_size), nullptr) == 1 &&
      EVP_EncryptInit_ex(context.get(), nullptr, nullptr, bytes(key.expose()), bytes(nonce)) == 1 &&
      EVP_EncryptUpdate(context.get(), nullptr, &length, bytes(associated_data),
                        static_cast<int>(associated_data.size())) == 1 &&
      EVP_EncryptUpdate(context.get(), bytes(out) + k_aead_nonce_size, &length, bytes(plaintext),
                        static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(context.get(), bytes(out) + k_aead_nonce_size + length, &final_length) ==
          1 &&
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(k_aead_tag_size),
                          bytes(out) + k_aead_nonce_size + plaintext.size()) == 1;
  if (!ok) {
    throw util::Error(util::ErrorKind::internal, "AES-256-GCM encryption failed");
  }
  return out;
}

std::optional<util::Secret> open(const util::Secret& key, std::string_view sealed,
                                 std::string_view associated_data) {
  require_key(key);
  detail::ready_openssl();
  if (sealed.size() < k_aead_nonce_size + k_aead_tag_size) {
    return std::nullopt;
  }
  const auto nonce = sealed.substr(0, k_aead_nonce_size);
  const auto ciphertext =
      sealed.substr(k_aead_nonce_size, sealed.size() - k_aead_nonce_size - k_aead_tag_size);
  std::string tag(sealed.substr(sealed.size() - k_aead_tag_size));
  Context context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string plaintext(ciphertext.size(), '\0');
  int length = 0;
  int final_length = 0;
  const bool ok =
      context &&
      EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN,
                          static_cast<int>(k_aead_nonce_size), nullptr) == 1 &&
      EVP_DecryptInit_ex(context.get(), nullptr, nullptr, bytes(key.expose()), bytes(nonce)) == 1 &&
      EVP_DecryptUpdate(context.get(), nullptr, &length, bytes(associated_data),
                        static_cast<int>(associated_data.size())) == 1 &&
      EVP_DecryptUpdate(context.get(), bytes(plaintext), &length, bytes(ciphertext),
                        static_cast<int>(ciphertext.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(k_aead_tag_size),
                          tag.data()) == 1 &&
      EVP_DecryptFinal_ex(context.get(), bytes(plaintext) + length, &final_length) == 1;
  if (!ok) {
    util::wipe(plaintext);  // never hand out bytes that failed authentication
    return std::nullopt;
  }
  return util::Secret(std::move(plaintext));
}

}  // namespace rolehelper::crypto
