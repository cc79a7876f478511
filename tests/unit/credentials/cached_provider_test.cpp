// SPDX-License-Identifier: MIT
// CachedProvider with a fake clock and a counting inner provider: sessions are served while
// fresh and refreshed inside the margin; --refresh forces a call; damaged entries are misses
// that get overwritten; a network failure serves a session that has not expired, any other
// failure does not. And through make_provider: every key input in the config makes a miss,
// and a chain caches its source role under its own entry.
#include <rolehelper/cache/encrypted_cache.hpp>
#include <rolehelper/credentials/cached_provider.hpp>
#include <rolehelper/crypto/random.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <sstream>
#include <sys/stat.h>

#include "support/expect_error.hpp"
#include "support/fixed_clock.hpp"
#include "support/provider_world.hpp"
#include "support/temp_dir.hpp"

namespace rh = rolehelper;
using rh::test::TempDir;
using namespace std::chrono_literals;

namespace {

// Hands out credentials numbered by call, valid for `lifetime` from the clock's now.
class CountingProvider final : public rh::credentials::Provider {
 public:
  CountingProvider(const rh::util::Clock& clock, int& calls) : m_clock(clock), m_calls(calls) {}
  rh::aws::Credentials retrieve() override {
    ++m_calls;
    if (failure) {
      throw *failure;
    }
    rh::aws::Credentials credentials;
    credentials.access_key_id = rh::test::assumed_key_id(m_calls);
    credentials.secret_access_key = rh::util::Secret(rh::test::assumed_secret(m_calls));
    credentials.session_token = rh::util::Secret(rh::test::assumed_token(m_calls));
    credentials.expiration = m_clock.now() + lifetime;
    return credentials;
  }
  std::string describe() const override { return "counting"; }
  std::string identity() const override { return "counting"; }

  std::chrono::seconds lifetime = 1h;
  std::optional<rh::util::Error> failure;

 private:
  const rh::util::Clock& m_clock;
  int& m_calls;
};

struct Fixture {
  TempDir dir;
  rh::test::FixedClock clock;
  std::ostringstream log_text;
  rh::util::Logger log{log_text, rh::util::LogLevel::debug};
  std::shared_ptr<const rh::cache::EncryptedCache> cache =
      std::make_shared<rh::cache::EncryptedCache>(dir / "cache",
                                                  rh::util::Secret(rh::crypto::random_bytes(32)));
  int calls = 0;
  CountingProvider* inner = nullptr;
  std::string key = std::string(64, 'a');

  std::unique_ptr<rh::credentials::CachedProvider> provider() {
    auto counting = std::make_unique<CountingProvider>(clock, calls);
    inner = counting.get();
    return std::make_unique<rh::credentials::CachedProvider>(
        std::move(counting),
        rh::credentials::CachedSession{key, "ghijk", "arn:aws:iam::123456789012:role/Ghijk"}, cache,
        clock, log);
  }
  std::string fetch() { return provider()->retrieve().access_key_id; }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(credentials)
BOOST_AUTO_TEST_SUITE(cached_provider)

BOOST_FIXTURE_TEST_CASE(a_fresh_session_is_served_from_the_cache, Fixture) {
  BOOST_TEST(fetch() == rh::test::assumed_key_id(1));
  BOOST_TEST(fetch() == rh::test::assumed_key_id(1));
  BOOST_TEST(calls == 1);
  const auto entry = cache->load(key);
  BOOST_REQUIRE(entry.has_value());
  BOOST_TEST(entry->profile == "ghijk");
  BOOST_TEST((entry->obtained == clock.time));
}

BOOST_FIXTURE_TEST_CASE(an_hour_session_is_refreshed_once_fifteen_minutes_remain, Fixture) {
  const auto start = clock.time;
  fetch();
  clock.time = start + 44min + 59s;
  BOOST_TEST(fetch() == rh::test::assumed_key_id(1));
  clock.time = start + 45min;
  BOOST_TEST(fetch() == rh::test::assumed_key_id(2));
  BOOST_TEST(calls == 2);
  clock.time = start + 89min;  // the second session was obtained at +45 min
  BOOST_TEST(fetch() == rh::test::assumed_key_id(2));
}

BOOST_FIXTURE_TEST_CASE(a_short_session_is_refreshed_at_half_its_lifetime, Fixture) {
  const auto start = clock.time;
  auto first = provider();
  inner->lifetime = 20min;
  (void)first->retrieve();
  clock.time = start + 9min;
  BOOST_TEST(fetch() == rh::test::assumed_key_id(1));
  clock.time = start + 10min + 1s;
  BOOST_TEST(fetch() == rh::test::assumed_key_id(2));
}

BOOST_FIXTURE_TEST_CASE(force_refresh_asks_even_when_the_session_is_fresh, Fixture) {
  fetch();
  auto refreshing = provider();
  refreshing->force_refresh();
  BOOST_TEST(refreshing->retrieve().access_key_id == rh::test::assumed_key_id(2));
  BOOST_TEST(fetch() == rh::test::assumed_key_id(2));  // and the new one is what is cached
}

BOOST_FIXTURE_TEST_CASE(damaged_entries_are_misses_that_get_overwritten, Fixture) {
  std::filesystem::create_directories(dir / "cache");
  for (const std::string& garbage :
       {std::string(), std::string("RHCACHE\x01"), std::string("not an entry at all"),
        std::string(200, '\xff')}) {
    rh::test::write_file(cache->entry_path(key), garbage);
    const auto before = calls;
    BOOST_TEST(fetch() == rh::test::assumed_key_id(before + 1));
    BOOST_TEST(cache->load(key).has_value());
  }
}

BOOST_FIXTURE_TEST_CASE(an_expired_entry_is_a_miss, Fixture) {
  fetch();
  clock.time += 2h;
  BOOST_TEST(fetch() == rh::test::assumed_key_id(2));
}

BOOST_FIXTURE_TEST_CASE(sts_unreachable_serves_a_session_that_has_not_expired, Fixture) {
  const auto start = clock.time;
  fetch();
  clock.time = start + 50min;  // due for refresh, 10 minutes left
  auto next = provider();
  inner->failure = rh::util::Error(rh::util::ErrorKind::network, "cannot reach STS");
  BOOST_TEST(next->retrieve().access_key_id == rh::test::assumed_key_id(1));
  BOOST_TEST(rh::test::contains(log_text.str(), "serving the cached session"));

  clock.time = start + 61min;  // expired: nothing left to serve
  auto late = provider();
  inner->failure = rh::util::Error(rh::util::ErrorKind::network, "cannot reach STS");
  const auto error = rh::test::error_of([&] { (void)late->retrieve(); });
  BOOST_TEST(rh::test::contains(error.what(), "cannot reach STS"));
}

BOOST_FIXTURE_TEST_CASE(an_sts_refusal_is_not_hidden_by_the_cached_session, Fixture) {
  const auto start = clock.time;
  fetch();
  clock.time = start + 50min;
  auto next = provider();
  inner->failure = rh::util::Error(rh::util::ErrorKind::aws, "AccessDenied");
  const auto error = rh::test::error_of([&] { (void)next->retrieve(); });
  BOOST_TEST(rh::test::contains(error.what(), "AccessDenied"));
}

BOOST_FIXTURE_TEST_CASE(a_lock_left_behind_by_a_dead_process_does_not_block, Fixture) {
  // A lock file exists (its holder died: the kernel dropped the lock with it).
  std::filesystem::create_directories(dir / "cache");
  rh::test::write_file(cache->lock_path(key), "");
  BOOST_TEST(fetch() == rh::test::assumed_key_id(1));
}

BOOST_FIXTURE_TEST_CASE(a_cache_folder_that_cannot_be_made_still_yields_credentials, Fixture) {
  rh::test::write_file(dir / "cache", "a file where the folder should be");
  BOOST_TEST(fetch() == rh::test::assumed_key_id(1));
  BOOST_TEST(fetch() == rh::test::assumed_key_id(2));  // nothing cached
  BOOST_TEST(rh::test::contains(log_text.str(), "going on without the cache"));
}

BOOST_FIXTURE_TEST_CASE(a_cache_folder_others_may_enter_is_made_private, Fixture) {
  std::filesystem::create_directory(dir / "cache");
  ::chmod((dir / "cache").c_str(), 0755);
  fetch();
  BOOST_TEST(rh::os::file_status(dir / "cache")->mode == 0700U);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cached_chains)

namespace {

constexpr std::string_view k_keys =
    "[keys]\naws_access_key_id = AKIAQXAMPLESOURCE01\n"
    "aws_secret_access_key = rhTestSecret/SourceKeys+0123456789abcdef\n";

struct CachedWorld {
  TempDir dir;
  std::shared_ptr<const rh::cache::EncryptedCache> cache =
      std::make_shared<rh::cache::EncryptedCache>(dir / "cache",
                                                  rh::util::Secret(rh::crypto::random_bytes(32)));

  // The number of STS calls a retrieve of `profile` makes with this config.
  std::size_t calls_for(const std::string& config, std::string_view profile,
                        std::string_view keys = k_keys) {
    ProviderWorldWithCache world(config, std::string(keys), cache);
    (void)world.retrieve(profile);
    return world.http.requests.size();
  }

  struct ProviderWorldWithCache : rh::test::ProviderWorld {
    ProviderWorldWithCache(const std::string& config, const std::string& keys,
                           std::shared_ptr<const rh::cache::EncryptedCache> cache)
        : ProviderWorld(config, keys), m_cache(std::move(cache)) {
      mfa.token_flag = "123456";
    }
    rh::aws::Credentials retrieve(std::string_view profile) {
      auto deps = ProviderWorld::deps();
      deps.cache = m_cache;
      return rh::credentials::make_provider(profile, deps)->retrieve();
    }
    std::shared_ptr<const rh::cache::EncryptedCache> m_cache;
  };
};

const std::string k_base =
    "[profile deployer]\nrole_arn = arn:aws:iam::210987654321:role/deployer\n"
    "source_profile = keys\n";

}  // namespace

BOOST_FIXTURE_TEST_CASE(every_key_setting_in_the_config_makes_the_old_entry_a_miss, CachedWorld) {
  BOOST_TEST(calls_for(k_base, "deployer") == 1U);
  BOOST_TEST(calls_for(k_base, "deployer") == 0U);
  for (const char* extra :
       {"external_id = alice\n", "role_session_name = ci-run\n", "duration_seconds = 1800\n",
        "mfa_serial = arn:aws:iam::210987654321:mfa/me\n"}) {
    BOOST_TEST(calls_for(k_base + std::string(extra), "deployer") == 1U, extra);
    BOOST_TEST(calls_for(k_base + std::string(extra), "deployer") == 0U, extra);
  }
  const std::string other_role =
      "[profile deployer]\nrole_arn = arn:aws:iam::210987654321:role/"
      "reader\nsource_profile = keys\n";
  BOOST_TEST(calls_for(other_role, "deployer") == 1U);
  // Other source keys (a rotated access key) make another entry.
  const std::string rotated =
      "[keys]\naws_access_key_id = AKIAQXAMPLEROTATED1\n"
      "aws_secret_access_key = rhTestSecret/Rotated+0123456789abcdef\n";
  BOOST_TEST(calls_for(k_base, "deployer", rotated) == 1U);
  BOOST_TEST(calls_for(k_base, "deployer", rotated) == 0U);
}

BOOST_FIXTURE_TEST_CASE(a_chain_caches_its_source_role_under_the_source_profile, CachedWorld) {
  const std::string config = k_base +
                             "[profile reader]\nrole_arn = arn:aws:iam::210987654321:role/reader\n"
                             "source_profile = deployer\n";
  BOOST_TEST(calls_for(config, "reader") == 2U);  // deployer, then reader with its session
  BOOST_TEST(calls_for(config, "reader") == 0U);
  BOOST_TEST(calls_for(config, "deployer") == 0U);  // cached on the way
  BOOST_TEST(cache->keys().size() == 2U);
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
