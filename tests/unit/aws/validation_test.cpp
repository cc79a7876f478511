// SPDX-License-Identifier: MIT
#include <rolehelper/aws/validation.hpp>

#include <boost/test/unit_test.hpp>

using namespace rolehelper::aws;

BOOST_AUTO_TEST_SUITE(aws)
BOOST_AUTO_TEST_SUITE(validation)

BOOST_AUTO_TEST_CASE(role_arns) {
  BOOST_TEST(!check_role_arn("arn:aws:iam::123456789012:role/Ghijk"));
  BOOST_TEST(!check_role_arn("arn:aws-cn:iam::123456789012:role/path/to/Role+=,.@-_"));
  BOOST_TEST(!check_role_arn("arn:aws-us-gov:iam::123456789012:role/x"));
  BOOST_TEST(check_role_arn("arn:aws:iam::12345678901:role/x").has_value());  // 11 digits
  BOOST_TEST(check_role_arn("arn:aws:iam::123456789012:user/x").has_value());
  BOOST_TEST(check_role_arn("arn:aws:sts::123456789012:role/x").has_value());
  BOOST_TEST(check_role_arn("arn:aws:iam:us-east-1:123456789012:role/x").has_value());
  BOOST_TEST(check_role_arn("arn:nope:iam::123456789012:role/x").has_value());
  BOOST_TEST(check_role_arn("arn:aws:iam::123456789012:role/").has_value());
  BOOST_TEST(check_role_arn("arn:aws:iam::123456789012:role/has space").has_value());
  BOOST_TEST(check_role_arn("Ghijk").has_value());
}

BOOST_AUTO_TEST_CASE(durations) {
  BOOST_TEST(!check_duration_seconds("900"));
  BOOST_TEST(!check_duration_seconds("43200"));
  BOOST_TEST(check_duration_seconds("899").has_value());
  BOOST_TEST(check_duration_seconds("43201").has_value());
  BOOST_TEST(check_duration_seconds("1h").has_value());
  BOOST_TEST(check_duration_seconds("").has_value());
  BOOST_TEST(check_duration_seconds("99999999999999").has_value());
}

BOOST_AUTO_TEST_CASE(session_names_external_ids_and_mfa_serials) {
  BOOST_TEST(!check_role_session_name("a-uniquely-identify"));
  BOOST_TEST(check_role_session_name("x").has_value());
  BOOST_TEST(check_role_session_name(std::string(65, 'a')).has_value());
  BOOST_TEST(check_role_session_name("has space").has_value());
  BOOST_TEST(!check_external_id("alice"));
  BOOST_TEST(!check_external_id("urn:x/y"));
  BOOST_TEST(check_external_id("a").has_value());
  BOOST_TEST(!check_mfa_serial("arn:aws:iam::123456789012:mfa/alice"));
  BOOST_TEST(!check_mfa_serial("GAHT12345678"));
  BOOST_TEST(check_mfa_serial("arn:aws:iam::123456789012:user/alice").has_value());
  BOOST_TEST(check_mfa_serial("short").has_value());
}

BOOST_AUTO_TEST_CASE(credential_sources_are_case_sensitive) {
  BOOST_TEST(!check_credential_source("Ec2InstanceMetadata"));
  BOOST_TEST(check_credential_source("ec2instancemetadata").has_value());
}

BOOST_AUTO_TEST_CASE(regions_and_profile_names) {
  for (const auto* region : {"us-east-1", "us-gov-west-1", "cn-north-1", "eu-isoe-west-1",
                             "eusc-de-east-1", "aws-global"}) {
    BOOST_TEST(!check_region(region), region);
  }
  for (const auto* region : {"us-east", "US-EAST-1", "us_east_1", "-us-1", "east-1x"}) {
    BOOST_TEST(check_region(region).has_value(), region);
  }
  BOOST_TEST(!check_profile_name("my.role@team-1_x"));
  BOOST_TEST(check_profile_name("has space").has_value());
  BOOST_TEST(check_profile_name("a]b").has_value());
  BOOST_TEST(check_profile_name("").has_value());
}

BOOST_AUTO_TEST_CASE(keys_and_secrets_and_no_secret_in_the_explanation) {
  BOOST_TEST(!check_access_key_id("AKIAIOSFODNN7EXAMPLE"));
  BOOST_TEST(check_access_key_id("akiaiosfodnn7example").has_value());
  BOOST_TEST(!check_secret_access_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
  const auto problem = check_secret_access_key("wJalrXUtnFEMI K7MDENG/bPxRfiCYEXAMPLEKEY");
  BOOST_REQUIRE(problem.has_value());
  BOOST_TEST(problem->find("wJalr") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
