// SPDX-License-Identifier: MIT
// Routes and freshness: a route's id changes with every edit of the config files and with the
// environment that shapes resolution (but not with secrets), and is stored only for files
// that have been still for a moment; a session is fresh while more than min(15 minutes,
// half its lifetime) remains.
#include <rolehelper/cache/freshness.hpp>
#include <rolehelper/cache/route.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>

#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

namespace rh = rolehelper;
using rh::test::TempDir;
using namespace std::chrono_literals;

namespace {

std::string route_id(const TempDir& dir, const rh::os::Environment& env,
                     std::optional<std::string> region = std::nullopt,
                     std::string profile = "ghijk") {
  return rh::cache::make_route(profile, region, {dir / "config", dir / "credentials"}, env,
                               rh::test::FixedClock().time)
      .id;
}

rh::util::TimePoint from_ns(std::int64_t ns) {
  return rh::util::TimePoint(
      std::chrono::duration_cast<rh::util::TimePoint::duration>(std::chrono::nanoseconds(ns)));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cache)
BOOST_AUTO_TEST_SUITE(route)

BOOST_AUTO_TEST_CASE(the_id_is_stable_while_nothing_changes) {
  TempDir dir;
  rh::test::write_file(dir / "config", "[profile ghijk]\nregion = us-east-1\n");
  rh::os::Environment env;
  env.set("AWS_REGION", "eu-west-1");
  const auto id = route_id(dir, env);
  BOOST_TEST(id.size() == 64U);
  BOOST_TEST(route_id(dir, env) == id);
}

BOOST_AUTO_TEST_CASE(the_id_changes_with_the_profile_the_region_flag_and_either_file) {
  TempDir dir;
  rh::test::write_file(dir / "config", "[profile ghijk]\nregion = us-east-1\n");
  const rh::os::Environment env;
  const auto id = route_id(dir, env);
  BOOST_TEST(route_id(dir, env, std::nullopt, "other") != id);
  BOOST_TEST(route_id(dir, env, std::string("eu-west-1")) != id);
  BOOST_TEST(route_id(dir, env, std::string("")) != id);

  rh::test::write_file(dir / "credentials", "[src]\n");  // created
  const auto with_credentials = route_id(dir, env);
  BOOST_TEST(with_credentials != id);
  // Same size, same content length: the stamp still moves (inode or times).
  const auto before = route_id(dir, env);
  std::filesystem::rename(dir / "config", dir / "config.old");
  rh::test::write_file(dir / "config", "[profile ghijk]\nregion = us-west-2\n");
  BOOST_TEST(route_id(dir, env) != before);
}

BOOST_AUTO_TEST_CASE(the_id_follows_the_aws_environment_but_not_its_secrets) {
  TempDir dir;
  rh::os::Environment base;
  base.set("AWS_ACCESS_KEY_ID", "AKIAQXAMPLE");
  const auto id = route_id(dir, base);
  for (const char* name : {"AWS_REGION", "AWS_ENDPOINT_URL_STS", "AWS_ACCESS_KEY_ID",
                           "AWS_EC2_METADATA_SERVICE_ENDPOINT", "ROLEHELPER_PROFILE_CHAIN",
                           "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"}) {
    auto env = base;
    env.set(name, "changed");
    BOOST_TEST(route_id(dir, env) != id, name);
  }
  for (const char* name : {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "ROLEHELPER_CACHE_KEY",
                           "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_SECRET_KEY",
                           "AWS_SOME_PASSWORD", "AWS_CREDENTIAL_EXPIRATION", "EDITOR"}) {
    auto env = base;
    env.set(name, "changed");
    BOOST_TEST(route_id(dir, env) == id, name);
  }
}

BOOST_AUTO_TEST_CASE(the_slot_depends_on_profile_region_and_paths_only) {
  TempDir dir;
  rh::os::Environment env;
  const auto route = [&](std::string profile) {
    return rh::cache::make_route(profile, std::nullopt, {dir / "config"}, env,
                                 rh::test::FixedClock().time);
  };
  const auto before = route("ghijk");
  rh::test::write_file(dir / "config", "[profile ghijk]\n");
  env.set("AWS_REGION", "eu-west-1");
  const auto after = route("ghijk");
  BOOST_TEST(after.slot == before.slot);
  BOOST_TEST(after.id != before.id);
  BOOST_TEST(route("other").slot != before.slot);
}

BOOST_AUTO_TEST_CASE(a_route_may_be_stored_only_for_files_still_for_two_seconds_and_unchanged) {
  TempDir dir;
  rh::test::write_file(dir / "config", "[profile ghijk]\n");
  const auto stamp = rh::os::file_stamp(dir / "config");
  BOOST_REQUIRE(stamp.has_value());
  const auto changed = from_ns(std::max(stamp->changed_ns, stamp->modified_ns));
  const auto route_at = [&](rh::util::TimePoint now) {
    return rh::cache::make_route("ghijk", std::nullopt, {dir / "config", dir / "none"},
                                 rh::os::Environment(), now);
  };
  BOOST_TEST(!route_at(changed).files.at(1).stamp.has_value());
  BOOST_TEST(!rh::cache::may_be_stored(route_at(changed)));
  BOOST_TEST(!rh::cache::may_be_stored(route_at(changed + 1999ms)));
  const auto settled = route_at(changed + 2001ms);
  BOOST_TEST(rh::cache::may_be_stored(settled));
  // Replaced between the stamp and the store (a symlink switched, a rename): not stored.
  rh::test::write_file(dir / "other", "[profile ghijk]\nregion = x\n");
  std::filesystem::rename(dir / "other", dir / "config");
  BOOST_TEST(!rh::cache::may_be_stored(settled));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(freshness)

BOOST_AUTO_TEST_CASE(an_hour_session_is_fresh_until_fifteen_minutes_remain) {
  const auto obtained = rh::test::FixedClock().time;
  const auto expiration = obtained + 1h;
  BOOST_TEST(rh::cache::refresh_margin(obtained, expiration).count() == 900);
  BOOST_TEST(rh::cache::is_fresh(obtained, expiration, obtained + 44min + 59s));
  BOOST_TEST(!rh::cache::is_fresh(obtained, expiration, obtained + 45min));
  BOOST_TEST(!rh::cache::is_fresh(obtained, expiration, obtained + 2h));
}

BOOST_AUTO_TEST_CASE(a_short_session_keeps_half_its_lifetime_as_margin) {
  const auto obtained = rh::test::FixedClock().time;
  const auto expiration = obtained + 20min;
  BOOST_TEST(rh::cache::refresh_margin(obtained, expiration).count() == 600);
  BOOST_TEST(rh::cache::is_fresh(obtained, expiration, obtained + 9min + 59s));
  BOOST_TEST(!rh::cache::is_fresh(obtained, expiration, obtained + 10min));
  // A 12-hour session still refreshes 15 minutes before its end, not 6 hours.
  BOOST_TEST(rh::cache::refresh_margin(obtained, obtained + 12h).count() == 900);
  // An expiry before the time obtained (a clock step) is never fresh.
  BOOST_TEST(!rh::cache::is_fresh(obtained, obtained - 1min, obtained));
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
