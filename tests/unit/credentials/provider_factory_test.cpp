// SPDX-License-Identifier: MIT
// make_provider against config files from text, a scripted STS and scripted programs: which
// credentials each kind of profile yields, how source_profile chains are followed (botocore's
// rules, aws-facts §3.3: role_arn wins in its own profile, a source profile's keys beat its
// role, exactly one of source_profile / credential_source, loops named), credential_process
// (rolehelper itself resolved in-process, other programs run without a shell, Version 1 JSON),
// and rolehelper_target().
#include <rolehelper/credentials/provider_factory.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/time.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "support/expect_error.hpp"
#include "support/fake_process_runner.hpp"
#include "support/provider_world.hpp"

namespace rh = rolehelper;
using rh::test::ProviderWorld;

namespace {

constexpr std::string_view k_key_id = "AKIAQXAMPLESOURCE01";
constexpr std::string_view k_secret = "rhTestSecret/SourceKeys+0123456789abcdef";
constexpr std::string_view k_other_key_id = "AKIAQXAMPLEOTHER002";
constexpr std::string_view k_other_secret = "rhTestSecret/OtherKeys+0123456789abcdef0";
constexpr std::string_view k_role_arn = "arn:aws:iam::210987654321:role/deployer";
constexpr std::string_view k_role_arn_2 = "arn:aws:iam::210987654321:role/reader";

// [keys] in the credentials file: the usual source profile.
std::string keys_section(std::string_view name = "keys", std::string_view id = k_key_id,
                         std::string_view secret = k_secret) {
  return "[" + std::string(name) + "]\naws_access_key_id = " + std::string(id) +
         "\naws_secret_access_key = " + std::string(secret) + "\n";
}

using rolehelper::test::contains;
using rolehelper::test::error_of;

rh::util::Error retrieve_error(ProviderWorld& world, std::string_view profile) {
  return error_of([&] { (void)world.retrieve(profile); });
}

std::string text_of(const rh::util::Error& error) {
  return std::string(error.what()) + " | " + error.hint();
}

rh::util::TimePoint expected_expiration() {
  return *rh::util::parse_iso8601(rh::test::k_assumed_expiration);
}

// A Version 1 document with every field.
constexpr std::string_view k_process_output =
    R"({"Version": 1, "AccessKeyId": "ASIAQXAMPLEPROCESS1", )"
    R"("SecretAccessKey": "rhTestSecret/FromProcess+abcdef", )"
    R"("SessionToken": "rhTestSessionToken//FromProcess", )"
    R"("Expiration": "2030-01-02T03:04:05Z", "AccountId": "123456789012"})";

}  // namespace

BOOST_AUTO_TEST_SUITE(credentials)
BOOST_AUTO_TEST_SUITE(provider_factory)

// --- static keys -------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(static_keys_come_from_the_credentials_file) {
  ProviderWorld world("", keys_section());
  const auto credentials = world.retrieve("keys");
  BOOST_TEST(credentials.access_key_id == k_key_id);
  BOOST_TEST(credentials.secret_access_key.expose() == k_secret);
  BOOST_TEST(!credentials.session_token.has_value());
  BOOST_TEST(!credentials.expiration.has_value());
  BOOST_TEST(world.http.requests.empty());
  BOOST_TEST(world.runner.calls.empty());
}

BOOST_AUTO_TEST_CASE(static_keys_come_from_the_config_file) {
  ProviderWorld world("[profile cfg]\naws_access_key_id = " + std::string(k_key_id) +
                      "\naws_secret_access_key = " + std::string(k_secret) + "\n");
  const auto credentials = world.retrieve("cfg");
  BOOST_TEST(credentials.access_key_id == k_key_id);
  BOOST_TEST(credentials.secret_access_key.expose() == k_secret);
  BOOST_TEST(!credentials.session_token.has_value());
  BOOST_TEST(world.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(default_profile_keys_come_from_the_config_file) {
  ProviderWorld world("[default]\naws_access_key_id = " + std::string(k_key_id) +
                      "\naws_secret_access_key = " + std::string(k_secret) + "\n");
  BOOST_TEST(world.retrieve("default").access_key_id == k_key_id);
}

BOOST_AUTO_TEST_CASE(aws_session_token_is_the_session_token) {
  ProviderWorld world("", keys_section() + "aws_session_token = rhTestSessionToken//Static\n");
  const auto credentials = world.retrieve("keys");
  BOOST_REQUIRE(credentials.session_token.has_value());
  BOOST_TEST(credentials.session_token->expose() == "rhTestSessionToken//Static");
}

BOOST_AUTO_TEST_CASE(aws_security_token_is_read_as_the_session_token) {
  ProviderWorld world("", keys_section() + "aws_security_token = rhTestSessionToken//Legacy\n");
  const auto credentials = world.retrieve("keys");
  BOOST_REQUIRE(credentials.session_token.has_value());
  BOOST_TEST(credentials.session_token->expose() == "rhTestSessionToken//Legacy");
}

BOOST_AUTO_TEST_CASE(credentials_file_keys_override_config_file_keys) {
  ProviderWorld world("[profile keys]\naws_access_key_id = " + std::string(k_other_key_id) +
                          "\naws_secret_access_key = " + std::string(k_other_secret) + "\n",
                      keys_section());
  BOOST_TEST(world.retrieve("keys").access_key_id == k_key_id);
}

BOOST_AUTO_TEST_CASE(key_id_without_secret_is_a_config_error_naming_the_profile) {
  ProviderWorld world("", "[half]\naws_access_key_id = " + std::string(k_key_id) + "\n");
  const auto error = retrieve_error(world, "half");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "'half'"));
  BOOST_TEST(contains(error.what(), "aws_secret_access_key"));
}

// --- roles ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(rolehelper_profile_assumes_its_role_with_the_source_profiles_keys) {
  ProviderWorld world(
      "[profile dev]\n"
      "credential_process = rolehelper get dev\n"
      "rolehelper_role_arn = " +
          std::string(k_role_arn) +
          "\n"
          "rolehelper_source_profile = keys\n"
          "rolehelper_role_session_name = alice-session\n"
          "rolehelper_duration_seconds = 1800\n"
          "rolehelper_external_id = ext-1234\n"
          "region = eu-west-1\n",
      keys_section());
  const auto credentials = world.retrieve("dev");

  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
  BOOST_TEST(rh::test::signed_with(world.authorization(0), k_key_id), world.authorization(0));
  BOOST_TEST(!world.http.requests[0].header("X-Amz-Security-Token").has_value());
  auto params = world.params(0);
  BOOST_TEST(params["Action"] == "AssumeRole");
  BOOST_TEST(params["RoleArn"] == k_role_arn);
  BOOST_TEST(params["RoleSessionName"] == "alice-session");
  BOOST_TEST(params["DurationSeconds"] == "1800");
  BOOST_TEST(params["ExternalId"] == "ext-1234");
  BOOST_TEST(params.count("SerialNumber") == 0U);
  BOOST_TEST(params.count("TokenCode") == 0U);

  BOOST_TEST(credentials.access_key_id == rh::test::assumed_key_id(1));
  BOOST_TEST(credentials.secret_access_key.expose() == rh::test::assumed_secret(1));
  BOOST_REQUIRE(credentials.session_token.has_value());
  BOOST_TEST(credentials.session_token->expose() == rh::test::assumed_token(1));
  BOOST_TEST((credentials.expiration == expected_expiration()));
  // The profile's own credential_process (rolehelper get dev) is not what yields them.
  BOOST_TEST(world.runner.calls.empty());
}

BOOST_AUTO_TEST_CASE(standard_role_arn_profile_assumes_its_role_with_the_standard_keys) {
  ProviderWorld world(
      "[profile std]\n"
      "role_arn = " +
          std::string(k_role_arn) +
          "\n"
          "source_profile = keys\n"
          "role_session_name = bob-session\n"
          "duration_seconds = 2700\n"
          "external_id = ext-5678\n",
      keys_section());
  const auto credentials = world.retrieve("std");

  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
  BOOST_TEST(rh::test::signed_with(world.authorization(0), k_key_id), world.authorization(0));
  auto params = world.params(0);
  BOOST_TEST(params["Action"] == "AssumeRole");
  BOOST_TEST(params["RoleArn"] == k_role_arn);
  BOOST_TEST(params["RoleSessionName"] == "bob-session");
  BOOST_TEST(params["DurationSeconds"] == "2700");
  BOOST_TEST(params["ExternalId"] == "ext-5678");
  BOOST_TEST(credentials.access_key_id == rh::test::assumed_key_id(1));
}

BOOST_AUTO_TEST_CASE(session_name_defaults_to_rolehelper_and_the_time) {
  ProviderWorld world(
      "[profile std]\nrole_arn = " + std::string(k_role_arn) + "\nsource_profile = keys\n",
      keys_section());
  (void)world.retrieve("std");
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(world.clock.now().time_since_epoch())
          .count();
  auto params = world.params(0);
  BOOST_TEST(params["RoleSessionName"] == "rolehelper-" + std::to_string(seconds));
  BOOST_TEST(params.count("DurationSeconds") == 0U);
  BOOST_TEST(params.count("ExternalId") == 0U);
}

BOOST_AUTO_TEST_CASE(standard_duration_seconds_that_is_not_a_number_is_dropped) {
  // botocore int()-parses it and silently drops what does not parse (aws-facts §3.2).
  ProviderWorld world("[profile std]\nrole_arn = " + std::string(k_role_arn) +
                          "\nsource_profile = keys\nduration_seconds = an hour\n",
                      keys_section());
  (void)world.retrieve("std");
  BOOST_TEST(world.params(0).count("DurationSeconds") == 0U);
}

BOOST_AUTO_TEST_CASE(rolehelper_duration_seconds_that_is_not_a_number_is_a_config_error) {
  ProviderWorld world("[profile dev]\nrolehelper_role_arn = " + std::string(k_role_arn) +
                          "\nrolehelper_source_profile = keys\n"
                          "rolehelper_duration_seconds = an hour\n",
                      keys_section());
  const auto error = retrieve_error(world, "dev");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "'dev'"));
  BOOST_TEST(world.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(role_arn_wins_over_the_profiles_own_keys) {
  // The requested profile's role is assumed even though it has keys of its own; the keys of
  // its source profile sign the call.
  ProviderWorld world(
      "[profile both]\nrole_arn = " + std::string(k_role_arn) + "\nsource_profile = keys\n",
      keys_section() + keys_section("both", k_other_key_id, k_other_secret));
  const auto credentials = world.retrieve("both");
  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
  BOOST_TEST(rh::test::signed_with(world.authorization(0), k_key_id), world.authorization(0));
  BOOST_TEST(credentials.access_key_id == rh::test::assumed_key_id(1));
}

BOOST_AUTO_TEST_CASE(chain_role_to_role_to_keys_signs_the_second_call_with_the_first_result) {
  ProviderWorld world(
      "[profile outer]\n"
      "rolehelper_role_arn = " +
          std::string(k_role_arn_2) +
          "\n"
          "rolehelper_source_profile = middle\n"
          "[profile middle]\n"
          "role_arn = " +
          std::string(k_role_arn) +
          "\n"
          "source_profile = keys\n",
      keys_section());
  const auto credentials = world.retrieve("outer");

  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 2U);
  // First the middle role, with the long-term keys.
  BOOST_TEST(world.params(0)["RoleArn"] == k_role_arn);
  BOOST_TEST(rh::test::signed_with(world.authorization(0), k_key_id), world.authorization(0));
  BOOST_TEST(!world.http.requests[0].header("X-Amz-Security-Token").has_value());
  // Then the outer role, with what the first call returned.
  BOOST_TEST(world.params(1)["RoleArn"] == k_role_arn_2);
  BOOST_TEST(rh::test::signed_with(world.authorization(1), rh::test::assumed_key_id(1)),
             world.authorization(1));
  BOOST_TEST(world.http.requests[1].header("X-Amz-Security-Token").value_or("") ==
             rh::test::assumed_token(1));
  // The result is the second call's.
  BOOST_TEST(credentials.access_key_id == rh::test::assumed_key_id(2));
  BOOST_REQUIRE(credentials.session_token.has_value());
  BOOST_TEST(credentials.session_token->expose() == rh::test::assumed_token(2));
}

BOOST_AUTO_TEST_CASE(source_profile_with_keys_and_a_role_is_used_for_its_keys) {
  ProviderWorld world(
      "[profile top]\n"
      "role_arn = " +
          std::string(k_role_arn_2) +
          "\n"
          "source_profile = mixed\n"
          "[profile mixed]\n"
          "role_arn = " +
          std::string(k_role_arn) +
          "\n"
          "source_profile = keys\n",
      keys_section() + keys_section("mixed", k_other_key_id, k_other_secret));
  const auto credentials = world.retrieve("top");
  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
  BOOST_TEST(world.params(0)["RoleArn"] == k_role_arn_2);
  BOOST_TEST(rh::test::signed_with(world.authorization(0), k_other_key_id), world.authorization(0));
  BOOST_TEST(credentials.access_key_id == rh::test::assumed_key_id(1));
}

BOOST_AUTO_TEST_CASE(loop_of_source_profiles_is_a_config_error_that_names_it) {
  ProviderWorld world("[profile a]\nrole_arn = " + std::string(k_role_arn) +
                      "\nsource_profile = b\n"
                      "[profile b]\nrole_arn = " +
                      std::string(k_role_arn_2) + "\nsource_profile = a\n");
  const auto error = retrieve_error(world, "a");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "a -> b -> a"), error.what());
  BOOST_TEST(world.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(longer_loop_through_rolehelper_keys_is_named_from_the_requested_profile) {
  ProviderWorld world("[profile a]\nrolehelper_role_arn = " + std::string(k_role_arn) +
                      "\nrolehelper_source_profile = b\n"
                      "[profile b]\nrole_arn = " +
                      std::string(k_role_arn) +
                      "\nsource_profile = c\n"
                      "[profile c]\nrole_arn = " +
                      std::string(k_role_arn) + "\nsource_profile = b\n");
  const auto error = retrieve_error(world, "a");
  BOOST_TEST(contains(error.what(), "a -> b -> c -> b"), error.what());
}

BOOST_AUTO_TEST_CASE(profile_naming_itself_as_source_uses_its_own_keys_for_its_role) {
  ProviderWorld world(
      "[profile self]\nrole_arn = " + std::string(k_role_arn) + "\nsource_profile = self\n",
      keys_section("self"));
  const auto credentials = world.retrieve("self");
  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
  BOOST_TEST(world.params(0)["RoleArn"] == k_role_arn);
  BOOST_TEST(rh::test::signed_with(world.authorization(0), k_key_id), world.authorization(0));
  BOOST_TEST(credentials.access_key_id == rh::test::assumed_key_id(1));
}

BOOST_AUTO_TEST_CASE(profile_naming_itself_as_source_without_keys_is_a_loop) {
  ProviderWorld world("[profile self]\nrole_arn = " + std::string(k_role_arn) +
                      "\nsource_profile = self\n");
  const auto error = retrieve_error(world, "self");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "self -> self"), error.what());
  BOOST_TEST(world.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(both_source_profile_and_credential_source_is_a_config_error) {
  ProviderWorld world("[profile twice]\nrole_arn = " + std::string(k_role_arn) +
                          "\nsource_profile = keys\ncredential_source = Environment\n"
                          "[profile twice-rh]\nrolehelper_role_arn = " +
                          std::string(k_role_arn) +
                          "\nrolehelper_source_profile = keys\n"
                          "rolehelper_credential_source = Environment\n",
                      keys_section());
  for (const std::string name : {"twice", "twice-rh"}) {
    const auto error = retrieve_error(world, name);
    BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
    BOOST_TEST(contains(error.what(), "'" + name + "'"), error.what());
    BOOST_TEST(contains(error.what(), "credential_source"), error.what());
  }
  BOOST_TEST(world.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(role_with_neither_source_profile_nor_credential_source_is_a_config_error) {
  // Even with a credential_process (botocore, verified: aws-facts §3.3).
  ProviderWorld world("[profile lonely]\nrole_arn = " + std::string(k_role_arn) +
                      "\ncredential_process = /opt/creds\n"
                      "[profile lonely-rh]\nrolehelper_role_arn = " +
                      std::string(k_role_arn) + "\n");
  world.runner.on_program("/opt/creds", rh::test::prints(std::string(k_process_output)));
  for (const std::string name : {"lonely", "lonely-rh"}) {
    const auto error = retrieve_error(world, name);
    BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
    BOOST_TEST(contains(error.what(), "'" + name + "'"), error.what());
    BOOST_TEST(contains(error.what(), "source_profile"), error.what());
  }
  BOOST_TEST(world.http.requests.empty());
  BOOST_TEST(world.runner.calls.empty());
}

BOOST_AUTO_TEST_CASE(unknown_source_profile_is_a_config_error_naming_it) {
  ProviderWorld world("[profile dev]\nrolehelper_role_arn = " + std::string(k_role_arn) +
                      "\nrolehelper_source_profile = ghost\n");
  const auto error = retrieve_error(world, "dev");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "'ghost'"), error.what());
  BOOST_TEST(contains(error.what(), "'dev'"), error.what());
  BOOST_TEST(world.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(unknown_profile_is_a_config_error_naming_it) {
  ProviderWorld world("", keys_section());
  const auto error = retrieve_error(world, "nobody");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "'nobody'"), error.what());
}

BOOST_AUTO_TEST_CASE(profile_without_credentials_hints_at_set_credentials) {
  ProviderWorld world("[profile empty]\nregion = eu-west-1\n");
  const auto error = retrieve_error(world, "empty");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "'empty'"), error.what());
  BOOST_TEST(contains(error.hint(), "set-credentials"), error.hint());
}

BOOST_AUTO_TEST_CASE(source_profile_without_credentials_is_an_error_naming_it) {
  ProviderWorld world("[profile dev]\nrole_arn = " + std::string(k_role_arn) +
                      "\nsource_profile = empty\n[profile empty]\nregion = eu-west-1\n");
  const auto error = retrieve_error(world, "dev");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "'empty'"), error.what());
  BOOST_TEST(world.http.requests.empty());
}

// --- credential_source ----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(credential_source_environment_signs_with_the_environment_keys) {
  ProviderWorld world("[profile env]\nrole_arn = " + std::string(k_role_arn) +
                      "\ncredential_source = Environment\n"
                      "[profile env-rh]\nrolehelper_role_arn = " +
                      std::string(k_role_arn) + "\nrolehelper_credential_source = Environment\n");
  world.env.set("AWS_ACCESS_KEY_ID", "ASIAQXAMPLEENVIRON1");
  world.env.set("AWS_SECRET_ACCESS_KEY", "rhTestSecret/FromEnvironment+abc");
  world.env.set("AWS_SESSION_TOKEN", "rhTestSessionToken//FromEnvironment");
  for (const std::string name : {"env", "env-rh"}) {
    (void)world.retrieve(name);
  }
  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    BOOST_TEST(rh::test::signed_with(world.authorization(i), "ASIAQXAMPLEENVIRON1"),
               world.authorization(i));
    BOOST_TEST(world.http.requests[i].header("X-Amz-Security-Token").value_or("") ==
               "rhTestSessionToken//FromEnvironment");
    BOOST_TEST(world.params(i)["RoleArn"] == k_role_arn);
  }
}

BOOST_AUTO_TEST_CASE(credential_source_environment_without_keys_is_a_config_error) {
  ProviderWorld world("[profile env]\nrole_arn = " + std::string(k_role_arn) +
                      "\ncredential_source = Environment\n");
  world.env.set("AWS_ACCESS_KEY_ID", "ASIAQXAMPLEENVIRON1");
  const auto error = retrieve_error(world, "env");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "AWS_SECRET_ACCESS_KEY"), error.what());
  BOOST_TEST(world.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(credential_source_is_matched_case_sensitively) {
  ProviderWorld world("[profile env]\nrole_arn = " + std::string(k_role_arn) +
                      "\ncredential_source = environment\n");
  world.env.set("AWS_ACCESS_KEY_ID", "ASIAQXAMPLEENVIRON1");
  world.env.set("AWS_SECRET_ACCESS_KEY", "rhTestSecret/FromEnvironment+abc");
  const auto error = retrieve_error(world, "env");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "'env'"), error.what());
  BOOST_TEST(contains(error.what(), "'environment'"), error.what());
  BOOST_TEST(world.http.requests.empty());
}

// --- credential_process: rolehelper itself ------------------------------------------------

BOOST_AUTO_TEST_CASE(credential_process_rolehelper_get_is_resolved_in_process) {
  for (const std::string line : {"rolehelper get other", "/usr/bin/rolehelper get other"}) {
    BOOST_TEST_CONTEXT(line) {
      ProviderWorld world("[profile front]\ncredential_process = " + line +
                              "\n[profile other]\nrolehelper_role_arn = " +
                              std::string(k_role_arn) + "\nrolehelper_source_profile = keys\n",
                          keys_section());
      const auto credentials = world.retrieve("front");
      BOOST_TEST(world.runner.calls.empty());
      BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
      BOOST_TEST(world.params(0)["RoleArn"] == k_role_arn);
      BOOST_TEST(rh::test::signed_with(world.authorization(0), k_key_id));
      BOOST_TEST(credentials.access_key_id == rh::test::assumed_key_id(1));
    }
  }
}

BOOST_AUTO_TEST_CASE(source_profile_whose_credential_process_is_rolehelper_is_followed) {
  ProviderWorld world("[profile top]\nrole_arn = " + std::string(k_role_arn_2) +
                          "\nsource_profile = front\n"
                          "[profile front]\ncredential_process = rolehelper get keys\n",
                      keys_section());
  const auto credentials = world.retrieve("top");
  BOOST_TEST(world.runner.calls.empty());
  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
  BOOST_TEST(rh::test::signed_with(world.authorization(0), k_key_id), world.authorization(0));
  BOOST_TEST(credentials.access_key_id == rh::test::assumed_key_id(1));
}

BOOST_AUTO_TEST_CASE(credential_process_naming_its_own_profile_is_a_loop) {
  ProviderWorld world("[profile me]\ncredential_process = rolehelper get me\n");
  const auto error = retrieve_error(world, "me");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "me -> me"), error.what());
  BOOST_TEST(world.runner.calls.empty());
}

BOOST_AUTO_TEST_CASE(credential_process_loop_through_two_profiles_is_named) {
  ProviderWorld world(
      "[profile a]\ncredential_process = rolehelper get b\n"
      "[profile b]\ncredential_process = /usr/local/bin/rolehelper get a\n");
  const auto error = retrieve_error(world, "a");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "a -> b -> a"), error.what());
  BOOST_TEST(world.runner.calls.empty());
}

BOOST_AUTO_TEST_CASE(loop_through_a_role_and_a_credential_process_is_named) {
  ProviderWorld world("[profile a]\nrole_arn = " + std::string(k_role_arn) +
                      "\nsource_profile = b\n"
                      "[profile b]\ncredential_process = rolehelper get a\n");
  const auto error = retrieve_error(world, "a");
  BOOST_TEST(contains(error.what(), "a -> b -> a"), error.what());
  BOOST_TEST(world.runner.calls.empty());
  BOOST_TEST(world.http.requests.empty());
}

// --- credential_process: other programs ---------------------------------------------------

BOOST_AUTO_TEST_CASE(other_credential_process_runs_with_shell_like_words) {
  ProviderWorld world("[profile ext]\ncredential_process = /opt/x --flag \"two words\"\n");
  world.env.set("HOME", "/home/tester");
  world.runner.on({"/opt/x", "--flag", "two words"},
                  rh::test::prints(std::string(k_process_output)));
  const auto credentials = world.retrieve("ext");

  BOOST_REQUIRE_EQUAL(world.runner.calls.size(), 1U);
  const auto& call = world.runner.calls[0];
  BOOST_TEST(call.argv == (std::vector<std::string>{"/opt/x", "--flag", "two words"}),
             boost::test_tools::per_element());
  BOOST_TEST(call.env.get("HOME").value_or("") == "/home/tester");
  BOOST_TEST(call.timeout.count() > 0);

  BOOST_TEST(credentials.access_key_id == "ASIAQXAMPLEPROCESS1");
  BOOST_TEST(credentials.secret_access_key.expose() == "rhTestSecret/FromProcess+abcdef");
  BOOST_REQUIRE(credentials.session_token.has_value());
  BOOST_TEST(credentials.session_token->expose() == "rhTestSessionToken//FromProcess");
  BOOST_TEST((credentials.expiration == rh::util::parse_iso8601("2030-01-02T03:04:05Z")));
  BOOST_TEST(credentials.account_id.value_or("") == "123456789012");
  BOOST_TEST(world.http.requests.empty());
}

BOOST_AUTO_TEST_CASE(credential_process_quotes_and_continuation_lines_split_like_shlex) {
  // A continuation line becomes "\n--region\n..." in the value, which shlex splits into words.
  ProviderWorld world(
      "[profile ext]\n"
      "credential_process = '/opt/my tools/creds' --name=it\\'s\n"
      "    --region eu-west-1\n");
  world.runner.on_program("/opt/my tools/creds", rh::test::prints(std::string(k_process_output)));
  (void)world.retrieve("ext");
  BOOST_REQUIRE_EQUAL(world.runner.calls.size(), 1U);
  BOOST_TEST(
      world.runner.calls[0].argv ==
          (std::vector<std::string>{"/opt/my tools/creds", "--name=it's", "--region", "eu-west-1"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(long_term_process_output_has_no_token_and_no_expiration) {
  ProviderWorld world("[profile ext]\ncredential_process = /opt/x\n");
  world.runner.on_program("/opt/x",
                          rh::test::prints(R"({"Version":1,"AccessKeyId":"AKIAQXAMPLEPROCESS2",)"
                                           R"("SecretAccessKey":"rhTestSecret/LongTerm"})"
                                           "\n"));
  const auto credentials = world.retrieve("ext");
  BOOST_TEST(credentials.access_key_id == "AKIAQXAMPLEPROCESS2");
  BOOST_TEST(!credentials.session_token.has_value());
  BOOST_TEST(!credentials.expiration.has_value());
  BOOST_TEST(!credentials.account_id.has_value());
}

BOOST_AUTO_TEST_CASE(source_profile_with_another_programs_credential_process_signs_the_role) {
  ProviderWorld world("[profile dev]\nrole_arn = " + std::string(k_role_arn) +
                      "\nsource_profile = ext\n[profile ext]\ncredential_process = /opt/x\n");
  world.runner.on_program("/opt/x", rh::test::prints(std::string(k_process_output)));
  (void)world.retrieve("dev");
  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
  BOOST_TEST(rh::test::signed_with(world.authorization(0), "ASIAQXAMPLEPROCESS1"),
             world.authorization(0));
  BOOST_TEST(world.http.requests[0].header("X-Amz-Security-Token").value_or("") ==
             "rhTestSessionToken//FromProcess");
}

BOOST_AUTO_TEST_CASE(failing_credential_process_reports_its_stderr_and_exit_status) {
  ProviderWorld world("[profile ext]\ncredential_process = /opt/x --flag\n");
  world.runner.on_program("/opt/x", rh::test::fails(1, "boom\nmore"));
  const auto error = retrieve_error(world, "ext");
  BOOST_TEST(contains(error.what(), "boom"), error.what());
  BOOST_TEST(contains(error.what(), "exit status 1"), error.what());
  BOOST_TEST(contains(error.what(), "'ext'"), error.what());
  BOOST_TEST(!contains(error.what(), "more"), error.what());  // only the first stderr line
}

BOOST_AUTO_TEST_CASE(credential_process_that_times_out_is_an_error) {
  ProviderWorld world("[profile ext]\ncredential_process = /opt/slow\n");
  world.runner.on_program("/opt/slow", rh::os::ProcessResult{137, {}, {}, true});
  const auto error = retrieve_error(world, "ext");
  BOOST_TEST(contains(error.what(), "/opt/slow"), error.what());
  BOOST_TEST(contains(error.what(), "'ext'"), error.what());
}

BOOST_AUTO_TEST_CASE(credential_process_with_an_unclosed_quote_is_a_config_error) {
  ProviderWorld world("[profile ext]\ncredential_process = /opt/x \"unclosed\n");
  const auto error = retrieve_error(world, "ext");
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "'ext'"), error.what());
  BOOST_TEST(world.runner.calls.empty());
}

BOOST_AUTO_TEST_CASE(bad_process_output_is_a_parse_error_that_never_quotes_the_secret) {
  constexpr std::string_view secret = "rhTestSecret/MustNotLeak+0123456789";
  const std::vector<std::string> outputs = {
      // Version as a string
      R"({"Version": "1", "AccessKeyId": "ASIAQXAMPLEPROCESS3", "SecretAccessKey": ")" +
          std::string(secret) + R"("})",
      // Version 2
      R"({"Version": 2, "AccessKeyId": "ASIAQXAMPLEPROCESS3", "SecretAccessKey": ")" +
          std::string(secret) + R"("})",
      // no Version
      R"({"AccessKeyId": "ASIAQXAMPLEPROCESS3", "SecretAccessKey": ")" + std::string(secret) +
          R"("})",
      // no SecretAccessKey (the secret sits in another field)
      R"({"Version": 1, "AccessKeyId": "ASIAQXAMPLEPROCESS3", "SessionToken": ")" +
          std::string(secret) + R"("})",
      // no AccessKeyId
      R"({"Version": 1, "SecretAccessKey": ")" + std::string(secret) + R"("})",
      // Expiration without a zone
      R"({"Version": 1, "AccessKeyId": "ASIAQXAMPLEPROCESS3", "SecretAccessKey": ")" +
          std::string(secret) + R"(", "Expiration": "2030-01-01T00:00:00"})",
      // cut off inside the secret
      R"({"Version": 1, "AccessKeyId": "ASIAQXAMPLEPROCESS3", "SecretAccessKey": ")" +
          std::string(secret),
      // not JSON at all
      "AccessKeyId=ASIAQXAMPLEPROCESS3 SecretAccessKey=" + std::string(secret),
      // an array
      R"([")" + std::string(secret) + R"("])",
  };
  for (const auto& output : outputs) {
    BOOST_TEST_CONTEXT(output) {
      ProviderWorld world("[profile ext]\ncredential_process = /opt/x\n");
      world.runner.on_program("/opt/x", rh::test::prints(output));
      const auto error = retrieve_error(world, "ext");
      BOOST_TEST((error.kind() == rh::util::ErrorKind::parse));
      BOOST_TEST(contains(error.what(), "/opt/x"), error.what());
      BOOST_TEST(!contains(text_of(error), secret), text_of(error));
      BOOST_TEST(!contains(text_of(error), "MustNotLeak"), text_of(error));
    }
  }
}

BOOST_AUTO_TEST_CASE(process_output_errors_name_the_missing_field) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"Version": "1", "AccessKeyId": "A", "SecretAccessKey": "s"})", "Version"},
      {R"({"Version": 1, "AccessKeyId": "A"})", "SecretAccessKey"},
      {R"({"Version": 1, "SecretAccessKey": "s"})", "AccessKeyId"},
      {R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "s", "Expiration": "2030-01-01T00:00:00"})",
       "Expiration"},
  };
  for (const auto& [output, field] : cases) {
    BOOST_TEST_CONTEXT(output) {
      ProviderWorld world("[profile ext]\ncredential_process = /opt/x\n");
      world.runner.on_program("/opt/x", rh::test::prints(output));
      const auto error = retrieve_error(world, "ext");
      BOOST_TEST((error.kind() == rh::util::ErrorKind::parse));
      BOOST_TEST(contains(error.what(), field), error.what());
    }
  }
}

// --- rolehelper_target ------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(rolehelper_target_finds_the_profile_of_rolehelper_get) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"rolehelper get other", "other"},
      {"/usr/bin/rolehelper get other", "other"},
      {"/usr/local/bin/rolehelper get other", "other"},
      {"  rolehelper   get   other  ", "other"},
      {"rolehelper get 'my prof'", "my prof"},
      {"\"/opt/my tools/rolehelper\" get \"my prof\"", "my prof"},
      {"rolehelper get other --format process", "other"},
      {"rolehelper get other --refresh", "other"},
  };
  for (const auto& [line, target] : cases) {
    BOOST_TEST_CONTEXT(line) {
      BOOST_TEST(rh::credentials::rolehelper_target(line).value_or("(none)") == target);
    }
  }
}

BOOST_AUTO_TEST_CASE(rolehelper_target_skips_get_options_before_the_profile) {
  // `rolehelper get --no-cache other` is a valid command for profile other: the options of get
  // may come before NAME. The option is not the profile.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"rolehelper get --no-cache other", "other"},
      {"rolehelper get --refresh other", "other"},
      {"rolehelper get --format process other", "other"},
  };
  for (const auto& [line, target] : cases) {
    BOOST_TEST_CONTEXT(line) {
      BOOST_TEST(rh::credentials::rolehelper_target(line).value_or("(none)") == target);
    }
  }
}

BOOST_AUTO_TEST_CASE(rolehelper_target_sees_through_the_verbose_flag) {
  // -v may come before the command; the line still runs rolehelper for profile other.
  BOOST_TEST(rh::credentials::rolehelper_target("rolehelper -v get other").value_or("(none)") ==
             "other");
}

BOOST_AUTO_TEST_CASE(rolehelper_target_is_none_for_other_lines) {
  for (const std::string line :
       {"", "rolehelper", "rolehelper get", "rolehelper list", "rolehelper show other",
        "/opt/x get other", "rolehelper-old get other", "aws-vault exec other --json",
        "rolehelper get 'unclosed", "/usr/bin/rolehelperx get other"}) {
    BOOST_TEST_CONTEXT("'" << line << "'") {
      BOOST_TEST(!rh::credentials::rolehelper_target(line).has_value());
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()  // provider_factory
BOOST_AUTO_TEST_SUITE_END()  // credentials
