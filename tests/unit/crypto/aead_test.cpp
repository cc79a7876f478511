// SPDX-License-Identifier: MIT
#include <rolehelper/crypto/aead.hpp>
#include <rolehelper/crypto/random.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

namespace rh = rolehelper;

namespace {
rh::util::Secret new_key() {
  return rh::util::Secret(rh::crypto::random_bytes(32));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(crypto)
BOOST_AUTO_TEST_SUITE(aead)

BOOST_AUTO_TEST_CASE(sealed_text_opens_with_the_same_key_and_associated_data) {
  const auto key = new_key();
  const auto sealed = rh::crypto::seal(key, "the plaintext", "context");
  BOOST_TEST(sealed.size() == 12U + 13U + 16U);
  BOOST_TEST(sealed.find("plaintext") == std::string::npos);
  const auto opened = rh::crypto::open(key, sealed, "context");
  BOOST_REQUIRE(opened.has_value());
  BOOST_TEST(opened->expose() == "the plaintext");
}

BOOST_AUTO_TEST_CASE(every_seal_uses_a_fresh_nonce) {
  const auto key = new_key();
  BOOST_TEST(rh::crypto::seal(key, "same", "ad").substr(0, 12) !=
             rh::crypto::seal(key, "same", "ad").substr(0, 12));
}

BOOST_AUTO_TEST_CASE(a_wrong_key_other_associated_data_or_any_changed_byte_does_not_open) {
  const auto key = new_key();
  const auto sealed = rh::crypto::seal(key, "secret stuff", "ad");
  BOOST_TEST(!rh::crypto::open(new_key(), sealed, "ad").has_value());
  BOOST_TEST(!rh::crypto::open(key, sealed, "other").has_value());
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    auto changed = sealed;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    BOOST_TEST(!rh::crypto::open(key, changed, "ad").has_value(), "byte " << i);
  }
  BOOST_TEST(!rh::crypto::open(key, sealed.substr(0, sealed.size() - 1), "ad").has_value());
  BOOST_TEST(!rh::crypto::open(key, "", "ad").has_value());
}

BOOST_AUTO_TEST_CASE(a_key_of_the_wrong_size_is_refused) {
  BOOST_CHECK_THROW((void)rh::crypto::seal(rh::util::Secret("short"), "x", ""), rh::util::Error);
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
