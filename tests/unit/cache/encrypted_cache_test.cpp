// SPDX-License-Identifier: MIT
#include <rolehelper/cache/cache_key.hpp>
#include <rolehelper/cache/encrypted_cache.hpp>
#include <rolehelper/cache/key_store.hpp>
#include <rolehelper/crypto/random.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/encoding.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

namespace rh = rolehelper;
using rh::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string k_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const std::string k_token = "IQoJb3JpZ2luX2VjEXAMPLETOKENforTheCacheTest";

rh::util::Secret new_key() {
  return rh::util::Secret(rh::crypto::random_bytes(32));
}

rh::cache::CacheEntry sample_entry() {
  rh::cache::CacheEntry entry;
  entry.credentials.access_key_id = "ASIAEXAMPLECACHE0001";
  entry.credentials.secret_access_key = rh::util::Secret(k_secret);
  entry.credentials.session_token = rh::util::Secret(k_token);
  entry.obtained = rh::test::FixedClock().time;
  entry.credentials.expiration = entry.obtained + std::chrono::hours(1);
  entry.credentials.account_id = "123456789012";
  entry.profile = "ghijk";
  entry.role_arn = "arn:aws:iam::123456789012:role/Ghijk";
  return entry;
}

std::string key_of(std::string profile) {
  rh::cache::CacheKeyInput input;
  input.profile = std::move(profile);
  input.role_arn = "arn:aws:iam::123456789012:role/Ghijk";
  return rh::cache::cache_key(input);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cache)
BOOST_AUTO_TEST_SUITE(encrypted_cache)

BOOST_AUTO_TEST_CASE(an_entry_comes_back_as_stored_from_a_private_file) {
  TempDir dir;
  const rh::cache::EncryptedCache cache(dir / "cache", new_key());
  const auto key = key_of("ghijk");
  cache.store(key, sample_entry());
  const auto loaded = cache.load(key);
  BOOST_REQUIRE(loaded.has_value());
  BOOST_TEST(loaded->credentials.access_key_id == "ASIAEXAMPLECACHE0001");
  BOOST_TEST(loaded->credentials.secret_access_key.expose() == k_secret);
  BOOST_TEST(loaded->credentials.session_token->expose() == k_token);
  BOOST_TEST((loaded->credentials.expiration == sample_entry().credentials.expiration));
  BOOST_TEST(*loaded->credentials.account_id == "123456789012");
  BOOST_TEST(loaded->profile == "ghijk");
  BOOST_TEST((loaded->obtained == sample_entry().obtained));
  BOOST_TEST(rh::os::file_status(dir / "cache")->mode == 0700U);
  BOOST_TEST(rh::os::file_status(cache.entry_path(key))->mode == 0600U);
  BOOST_TEST(cache.keys() == std::vector<std::string>{key});
}

BOOST_AUTO_TEST_CASE(no_secret_is_stored_in_plain_text) {
  TempDir dir;
  const rh::cache::EncryptedCache cache(dir.path(), new_key());
  cache.store(key_of("ghijk"), sample_entry());
  for (const auto& file : fs::directory_iterator(dir.path())) {
    const auto bytes = rh::test::read_file(file.path());
    for (const std::string& needle : {std::string("ASIAEXAMPLECACHE0001"), k_secret, k_token,
                                      rh::util::base64_encode(k_secret)}) {
      BOOST_TEST(bytes.find(needle) == std::string::npos, file.path() << " holds " << needle);
    }
  }
}

BOOST_AUTO_TEST_CASE(tampering_with_any_region_of_an_entry_is_a_miss) {
  TempDir dir;
  const rh::cache::EncryptedCache cache(dir.path(), new_key());
  const auto key = key_of("ghijk");
  cache.store(key, sample_entry());
  const auto original = rh::test::read_file(cache.entry_path(key));
  // header (0..7), nonce (8..19), ciphertext, tag (last 16 bytes)
  for (const std::size_t offset :
       {std::size_t{0}, std::size_t{7}, std::size_t{8}, std::size_t{19}, std::size_t{20},
        original.size() / 2, original.size() - 16, original.size() - 1}) {
    auto changed = original;
    changed[offset] = static_cast<char>(changed[offset] ^ 0x40);
    rh::test::write_file(cache.entry_path(key), changed);
    BOOST_TEST(!cache.load(key).has_value(), "byte " << offset);
  }
  rh::test::write_file(cache.entry_path(key), original.substr(0, original.size() - 5));
  BOOST_TEST(!cache.load(key).has_value());  // truncated
  rh::test::write_file(cache.entry_path(key), "");
  BOOST_TEST(!cache.load(key).has_value());
  rh::test::write_file(cache.entry_path(key), original);
  BOOST_TEST(cache.load(key).has_value());
}

BOOST_AUTO_TEST_CASE(an_entry_renamed_to_another_profiles_name_or_read_with_another_key_is_a_miss) {
  TempDir dir;
  const rh::cache::EncryptedCache cache(dir.path(), new_key());
  cache.store(key_of("ghijk"), sample_entry());
  fs::copy_file(cache.entry_path(key_of("ghijk")), cache.entry_path(key_of("other")));
  BOOST_TEST(!cache.load(key_of("other")).has_value());
  const rh::cache::EncryptedCache other_key(dir.path(), new_key());
  BOOST_TEST(!other_key.load(key_of("ghijk")).has_value());
  BOOST_TEST(!cache.load(key_of("never-stored")).has_value());
}

BOOST_AUTO_TEST_CASE(a_route_leads_to_its_cache_key_only_from_its_slot_and_with_its_id) {
  TempDir dir;
  const rh::cache::EncryptedCache cache(dir.path(), new_key());
  const auto route_for = [](std::string slot, std::string id) {
    rh::cache::Route route;
    route.slot = key_of(std::move(slot));
    route.id = key_of(std::move(id));
    return route;
  };
  const auto route = route_for("slot one", "id one");
  cache.store_route(route, key_of("ghijk"));
  BOOST_TEST(cache.load_route(route).value_or("") == key_of("ghijk"));
  BOOST_TEST(rh::os::file_status(cache.route_path(route.slot))->mode == 0600U);
  // Same slot, another id (the config changed): a miss; storing overwrites the slot.
  BOOST_TEST(!cache.load_route(route_for("slot one", "id two")).has_value());
  cache.store_route(route_for("slot one", "id two"), key_of("other"));
  BOOST_TEST(cache.load_route(route_for("slot one", "id two")).value_or("") == key_of("other"));
  BOOST_TEST(!cache.load_route(route).has_value());
  // A slot file copied to another slot's name does not open.
  fs::copy_file(cache.route_path(route.slot), cache.route_path(key_of("slot two")));
  BOOST_TEST(!cache.load_route(route_for("slot two", "id two")).has_value());
  // An entry is not a route, even under the same name.
  cache.store(key_of("ghijk"), sample_entry());
  fs::copy_file(cache.entry_path(key_of("ghijk")), cache.route_path(key_of("ghijk")));
  BOOST_TEST(!cache.load_route(route_for("ghijk", "id one")).has_value());
  BOOST_TEST(cache.remove_routes() == 3U);
  BOOST_TEST(cache.load(key_of("ghijk")).has_value());
}

BOOST_AUTO_TEST_CASE(the_key_is_asked_for_only_when_a_file_is_opened) {
  TempDir dir;
  int asked = 0;
  const rh::cache::EncryptedCache cache(dir.path(), [&asked] {
    ++asked;
    return new_key();
  });
  BOOST_TEST(cache.keys().empty());
  BOOST_TEST(asked == 0);
  cache.store(key_of("ghijk"), sample_entry());
  BOOST_TEST(cache.load(key_of("ghijk")).has_value());
  BOOST_TEST(asked == 1);
}

BOOST_AUTO_TEST_CASE(cache_keys_change_with_every_input_and_do_not_collide_by_concatenation) {
  rh::cache::CacheKeyInput base;
  base.profile = "p";
  base.role_arn = "arn:aws:iam::123456789012:role/R";
  const auto reference = rh::cache::cache_key(base);
  BOOST_TEST(reference.size() == 64U);
  for (auto field :
       {&rh::cache::CacheKeyInput::profile, &rh::cache::CacheKeyInput::role_arn,
        &rh::cache::CacheKeyInput::source_identity, &rh::cache::CacheKeyInput::external_id,
        &rh::cache::CacheKeyInput::role_session_name, &rh::cache::CacheKeyInput::duration_seconds,
        &rh::cache::CacheKeyInput::mfa_serial, &rh::cache::CacheKeyInput::session_policy,
        &rh::cache::CacheKeyInput::tags, &rh::cache::CacheKeyInput::sts_endpoint}) {
    auto changed = base;
    changed.*field += "x";
    BOOST_TEST(rh::cache::cache_key(changed) != reference);
  }
  rh::cache::CacheKeyInput a = base;
  rh::cache::CacheKeyInput b = base;
  a.profile = "ab";
  a.role_arn = "c";
  b.profile = "a";
  b.role_arn = "bc";
  BOOST_TEST(rh::cache::cache_key(a) != rh::cache::cache_key(b));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(key_store)

BOOST_AUTO_TEST_CASE(a_key_file_is_made_once_0600_in_a_0700_folder) {
  TempDir dir;
  const rh::os::Environment env({{"HOME", dir.path().string()}});
  const auto first = rh::cache::load_or_create_cache_key(env);
  const auto file = dir / ".config/rolehelper/cache.key";
  BOOST_TEST(first.size() == 32U);
  BOOST_TEST(rh::os::file_status(file)->mode == 0600U);
  BOOST_TEST(rh::os::file_status(file.parent_path())->mode == 0700U);
  BOOST_TEST((rh::cache::load_or_create_cache_key(env) == first));
  BOOST_TEST(std::distance(fs::directory_iterator(file.parent_path()), {}) ==
             1);  // no temporaries left
}

BOOST_AUTO_TEST_CASE(xdg_config_home_moves_the_key_file) {
  TempDir dir;
  const rh::os::Environment env(
      {{"HOME", dir.path().string()}, {"XDG_CONFIG_HOME", (dir / "xdg").string()}});
  (void)rh::cache::load_or_create_cache_key(env);
  BOOST_TEST(fs::exists(dir / "xdg/rolehelper/cache.key"));
}

BOOST_AUTO_TEST_CASE(a_key_file_others_can_read_is_refused_with_the_fix) {
  TempDir dir;
  const rh::os::Environment env({{"HOME", dir.path().string()}});
  (void)rh::cache::load_or_create_cache_key(env);
  const auto file = dir / ".config/rolehelper/cache.key";
  ::chmod(file.c_str(), 0644);
  try {
    (void)rh::cache::load_or_create_cache_key(env);
    BOOST_FAIL("expected a refusal");
  } catch (const rh::util::Error& error) {
    BOOST_TEST(std::string(error.what()).find("0644") != std::string::npos);
    BOOST_TEST(error.hint().find("chmod 600") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(the_environment_key_is_used_instead_of_the_file_and_checked) {
  TempDir dir;
  const std::string raw = rh::crypto::random_bytes(32);
  const rh::os::Environment env(
      {{"HOME", dir.path().string()}, {"ROLEHELPER_CACHE_KEY", rh::util::base64_encode(raw)}});
  BOOST_TEST(rh::cache::load_or_create_cache_key(env).expose() == raw);
  BOOST_TEST(!fs::exists(dir / ".config"));
  const rh::os::Environment bad(
      {{"HOME", dir.path().string()}, {"ROLEHELPER_CACHE_KEY", "c2hvcnQ="}});
  try {
    (void)rh::cache::load_or_create_cache_key(bad);
    BOOST_FAIL("expected a refusal");
  } catch (const rh::util::Error& error) {
    BOOST_TEST(std::string(error.what()).find("c2hvcnQ") ==
               std::string::npos);  // the key is not echoed
  }
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
