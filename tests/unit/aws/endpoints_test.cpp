// SPDX-License-Identifier: MIT
// Region precedence and the STS endpoint rules (aws-facts §3.5, §4.1): partitions, aws-global,
// legacy global endpoints, FIPS, dual-stack, and configured endpoint URLs in botocore's order.
#include <rolehelper/aws/config_file.hpp>
#include <rolehelper/aws/endpoints.hpp>
#include <rolehelper/aws/profile_map.hpp>
#include <rolehelper/os/environment.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "support/expect_error.hpp"

namespace rh = rolehelper;

namespace {

using Variables = std::map<std::string, std::string, std::less<>>;

rh::os::Environment env_of(Variables variables = {}) {
  return rh::os::Environment(std::move(variables));
}

// A config file (and optionally a credentials file) as the resolver sees them.
struct Files {
  rh::aws::ConfigFile config;
  rh::aws::ConfigFile credentials;
  std::vector<rh::aws::Profile> profiles;
  rh::aws::ConfigFileView view;

  explicit Files(std::string config_text, std::string credentials_text = {})
      : config(rh::aws::ConfigFile::from_text("config", rh::aws::FileKind::config,
                                              std::move(config_text))),
        credentials(rh::aws::ConfigFile::from_text("credentials", rh::aws::FileKind::credentials,
                                                   std::move(credentials_text))),
        profiles(rh::aws::merge_profiles(config, credentials)),
        view(rh::aws::build_profile_map(config)) {}

  [[nodiscard]] const rh::aws::Profile* profile(std::string_view name) const {
    for (const auto& profile : profiles) {
      if (profile.name == name) {
        return &profile;
      }
    }
    BOOST_FAIL("no profile " << name);
    return nullptr;
  }

  [[nodiscard]] rh::aws::StsLocation sts(std::string_view profile_name, std::string_view region,
                                         const rh::os::Environment& env = {}) const {
    return rh::aws::resolve_sts_location(region, profile(profile_name), view.services, env);
  }
};

rh::aws::StsLocation sts_of(std::string_view region, const rh::os::Environment& env = {}) {
  return rh::aws::resolve_sts_location(region, nullptr, {}, env);
}

}  // namespace

using rolehelper::test::error_of;

BOOST_AUTO_TEST_SUITE(aws)
BOOST_AUTO_TEST_SUITE(endpoints)

// ---- region ----

BOOST_AUTO_TEST_CASE(the_region_flag_wins_over_everything) {
  const Files files("[profile dev]\nregion = eu-west-1\n");
  const auto env = env_of({{"AWS_REGION", "ap-south-1"}, {"AWS_DEFAULT_REGION", "sa-east-1"}});
  BOOST_TEST(rh::aws::resolve_region(std::string("us-west-2"), files.profile("dev"), env) ==
             "us-west-2");
}

BOOST_AUTO_TEST_CASE(the_profile_region_wins_over_the_environment) {
  const Files files("[profile dev]\nregion = eu-west-1\n");
  const auto env = env_of({{"AWS_REGION", "ap-south-1"}, {"AWS_DEFAULT_REGION", "sa-east-1"}});
  BOOST_TEST(rh::aws::resolve_region(std::nullopt, files.profile("dev"), env) == "eu-west-1");
}

BOOST_AUTO_TEST_CASE(aws_region_wins_over_aws_default_region) {
  const Files files("[profile dev]\noutput = json\n");
  const auto env = env_of({{"AWS_REGION", "ap-south-1"}, {"AWS_DEFAULT_REGION", "sa-east-1"}});
  BOOST_TEST(rh::aws::resolve_region(std::nullopt, files.profile("dev"), env) == "ap-south-1");
  BOOST_TEST(rh::aws::resolve_region(std::nullopt, nullptr, env) == "ap-south-1");
}

BOOST_AUTO_TEST_CASE(aws_default_region_comes_after_aws_region) {
  const auto env = env_of({{"AWS_DEFAULT_REGION", "sa-east-1"}});
  BOOST_TEST(rh::aws::resolve_region(std::nullopt, nullptr, env) == "sa-east-1");
}

BOOST_AUTO_TEST_CASE(the_region_is_us_east_1_when_nothing_names_one) {
  const Files files("[profile dev]\noutput = json\n");
  BOOST_TEST(rh::aws::resolve_region(std::nullopt, files.profile("dev"), env_of()) == "us-east-1");
  BOOST_TEST(rh::aws::resolve_region(std::nullopt, nullptr, env_of()) == "us-east-1");
}

BOOST_AUTO_TEST_CASE(empty_region_settings_are_skipped) {
  const Files files("[profile dev]\nregion =\n");
  const auto env = env_of({{"AWS_REGION", ""}, {"AWS_DEFAULT_REGION", "ca-central-1"}});
  BOOST_TEST(rh::aws::resolve_region(std::string(), files.profile("dev"), env) == "ca-central-1");
}

// ---- regional endpoints by partition ----

BOOST_AUTO_TEST_CASE(regional_endpoints_follow_each_partition_dns_suffix) {
  const std::pair<const char*, const char*> cases[] = {
      {"us-east-1", "https://sts.us-east-1.amazonaws.com"},
      {"eu-central-2", "https://sts.eu-central-2.amazonaws.com"},
      {"af-south-1", "https://sts.af-south-1.amazonaws.com"},
      {"cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn"},
      {"cn-northwest-1", "https://sts.cn-northwest-1.amazonaws.com.cn"},
      {"us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com"},
      {"us-iso-east-1", "https://sts.us-iso-east-1.c2s.ic.gov"},
      {"us-isob-east-1", "https://sts.us-isob-east-1.sc2s.sgov.gov"},
      {"us-isof-south-1", "https://sts.us-isof-south-1.csp.hci.ic.gov"},
      {"eu-isoe-west-1", "https://sts.eu-isoe-west-1.cloud.adc-e.uk"},
      {"eusc-de-east-1", "https://sts.eusc-de-east-1.amazonaws.eu"},
  };
  for (const auto& [region, url] : cases) {
    BOOST_TEST_CONTEXT(region) {
      const auto location = sts_of(region);
      BOOST_TEST(location.url == url);
      BOOST_TEST(location.signing_region == region);
      BOOST_TEST(!location.configured);
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_future_region_falls_back_to_amazonaws_com) {
  const auto location = sts_of("xy-newplace-7");
  BOOST_TEST(location.url == "https://sts.xy-newplace-7.amazonaws.com");
  BOOST_TEST(location.signing_region == "xy-newplace-7");
  BOOST_TEST(rh::aws::partition_dns_suffix("xy-newplace-7") == "amazonaws.com");
}

BOOST_AUTO_TEST_CASE(partition_dns_suffix_names_each_partition) {
  BOOST_TEST(rh::aws::partition_dns_suffix("us-east-1") == "amazonaws.com");
  BOOST_TEST(rh::aws::partition_dns_suffix("us-gov-east-1") == "amazonaws.com");
  BOOST_TEST(rh::aws::partition_dns_suffix("cn-north-1") == "amazonaws.com.cn");
  BOOST_TEST(rh::aws::partition_dns_suffix("us-iso-west-1") == "c2s.ic.gov");
  BOOST_TEST(rh::aws::partition_dns_suffix("us-isob-east-1") == "sc2s.sgov.gov");
  BOOST_TEST(rh::aws::partition_dns_suffix("eu-isoe-west-1") == "cloud.adc-e.uk");
  BOOST_TEST(rh::aws::partition_dns_suffix("eusc-de-east-1") == "amazonaws.eu");
}

BOOST_AUTO_TEST_CASE(aws_global_is_the_global_endpoint_signed_for_us_east_1) {
  const auto location = sts_of("aws-global");
  BOOST_TEST(location.url == "https://sts.amazonaws.com");
  BOOST_TEST(location.signing_region == "us-east-1");
  BOOST_TEST(!location.configured);
}

// ---- legacy mode ----

BOOST_AUTO_TEST_CASE(regional_mode_is_the_default_even_for_legacy_regions) {
  BOOST_TEST(sts_of("us-west-2").url == "https://sts.us-west-2.amazonaws.com");
  BOOST_TEST(sts_of("us-east-1").url == "https://sts.us-east-1.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(legacy_mode_sends_legacy_regions_to_the_global_endpoint) {
  const auto env = env_of({{"AWS_STS_REGIONAL_ENDPOINTS", "legacy"}});
  const auto location = sts_of("us-west-2", env);
  BOOST_TEST(location.url == "https://sts.amazonaws.com");
  BOOST_TEST(location.signing_region == "us-east-1");
  const auto east = sts_of("us-east-1", env);
  BOOST_TEST(east.url == "https://sts.amazonaws.com");
  BOOST_TEST(east.signing_region == "us-east-1");
}

BOOST_AUTO_TEST_CASE(legacy_mode_keeps_newer_regions_regional) {
  const auto env = env_of({{"AWS_STS_REGIONAL_ENDPOINTS", "legacy"}});
  for (const char* region : {"af-south-1", "ap-east-1", "me-south-1", "eu-south-1"}) {
    BOOST_TEST_CONTEXT(region) {
      const auto location = sts_of(region, env);
      BOOST_TEST(location.url == "https://sts." + std::string(region) + ".amazonaws.com");
      BOOST_TEST(location.signing_region == region);
    }
  }
  BOOST_TEST(sts_of("cn-north-1", env).url == "https://sts.cn-north-1.amazonaws.com.cn");
}

BOOST_AUTO_TEST_CASE(legacy_mode_can_come_from_the_profile_and_the_environment_wins) {
  const Files files("[profile old]\nsts_regional_endpoints = legacy\n");
  BOOST_TEST(files.sts("old", "eu-west-1").url == "https://sts.amazonaws.com");
  const auto env = env_of({{"AWS_STS_REGIONAL_ENDPOINTS", "regional"}});
  BOOST_TEST(files.sts("old", "eu-west-1", env).url == "https://sts.eu-west-1.amazonaws.com");
}

// ---- FIPS and dual-stack ----

BOOST_AUTO_TEST_CASE(fips_uses_the_sts_fips_host) {
  const auto env = env_of({{"AWS_USE_FIPS_ENDPOINT", "true"}});
  const auto location = sts_of("us-east-1", env);
  BOOST_TEST(location.url == "https://sts-fips.us-east-1.amazonaws.com");
  BOOST_TEST(location.signing_region == "us-east-1");
  BOOST_TEST(!location.configured);

  const Files files("[profile gov]\nuse_fips_endpoint = true\n");
  BOOST_TEST(files.sts("gov", "us-west-2").url == "https://sts-fips.us-west-2.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(govcloud_fips_is_the_regular_regional_host) {
  const auto env = env_of({{"AWS_USE_FIPS_ENDPOINT", "true"}});
  const auto location = sts_of("us-gov-west-1", env);
  BOOST_TEST(location.url == "https://sts.us-gov-west-1.amazonaws.com");
  BOOST_TEST(location.signing_region == "us-gov-west-1");
}

BOOST_AUTO_TEST_CASE(fips_set_to_false_changes_nothing) {
  const auto env =
      env_of({{"AWS_USE_FIPS_ENDPOINT", "false"}, {"AWS_USE_DUALSTACK_ENDPOINT", "false"}});
  BOOST_TEST(sts_of("us-east-1", env).url == "https://sts.us-east-1.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(fips_is_not_sent_to_the_legacy_global_endpoint) {
  const auto env =
      env_of({{"AWS_STS_REGIONAL_ENDPOINTS", "legacy"}, {"AWS_USE_FIPS_ENDPOINT", "true"}});
  BOOST_TEST(sts_of("us-west-2", env).url == "https://sts-fips.us-west-2.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(dual_stack_uses_the_partition_dual_stack_suffix) {
  const auto env = env_of({{"AWS_USE_DUALSTACK_ENDPOINT", "true"}});
  const auto location = sts_of("us-east-1", env);
  BOOST_TEST(location.url == "https://sts.us-east-1.api.aws");
  BOOST_TEST(location.signing_region == "us-east-1");
  BOOST_TEST(sts_of("cn-north-1", env).url ==
             "https://sts.cn-north-1.api.amazonwebservices.com.cn");

  const Files files("[profile v6]\nuse_dualstack_endpoint = true\n");
  BOOST_TEST(files.sts("v6", "eu-west-1").url == "https://sts.eu-west-1.api.aws");
}

BOOST_AUTO_TEST_CASE(fips_and_dual_stack_together_use_sts_fips_on_the_dual_stack_suffix) {
  const auto env =
      env_of({{"AWS_USE_DUALSTACK_ENDPOINT", "true"}, {"AWS_USE_FIPS_ENDPOINT", "true"}});
  BOOST_TEST(sts_of("us-east-1", env).url == "https://sts-fips.us-east-1.api.aws");
}

// ---- configured endpoint URLs ----

namespace {
// Every source of an endpoint URL at once; each test removes the ones above what it checks.
const char* const k_all_sources =
    "[profile dev]\n"
    "region = eu-west-1\n"
    "services = local\n"
    "endpoint_url = https://profile.example.test\n"
    "[services local]\n"
    "s3 =\n"
    "  endpoint_url = https://s3-only.example.test\n"
    "sts =\n"
    "  endpoint_url = https://services-block.example.test\n";
}  // namespace

BOOST_AUTO_TEST_CASE(aws_endpoint_url_sts_wins_over_every_other_source) {
  const Files files(k_all_sources);
  const auto env = env_of({{"AWS_ENDPOINT_URL_STS", "http://localhost:5000"},
                           {"AWS_ENDPOINT_URL", "https://global-env.example.test"}});
  const auto location = files.sts("dev", "eu-west-1", env);
  BOOST_TEST(location.url == "http://localhost:5000");
  BOOST_TEST(location.signing_region == "eu-west-1");
  BOOST_TEST(location.configured);
}

BOOST_AUTO_TEST_CASE(aws_endpoint_url_comes_next) {
  const Files files(k_all_sources);
  const auto env = env_of({{"AWS_ENDPOINT_URL", "https://global-env.example.test"}});
  const auto location = files.sts("dev", "eu-west-1", env);
  BOOST_TEST(location.url == "https://global-env.example.test");
  BOOST_TEST(location.configured);
}

BOOST_AUTO_TEST_CASE(the_profile_services_block_comes_before_the_profile_endpoint_url) {
  const Files files(k_all_sources);
  const auto location = files.sts("dev", "eu-west-1");
  BOOST_TEST(location.url == "https://services-block.example.test");
  BOOST_TEST(location.signing_region == "eu-west-1");
  BOOST_TEST(location.configured);
}

BOOST_AUTO_TEST_CASE(the_profile_endpoint_url_is_the_last_configured_source) {
  const Files files(
      "[profile dev]\nendpoint_url = https://profile.example.test\n"
      "[profile other]\nservices = only-s3\nendpoint_url = https://other.example.test\n"
      "[services only-s3]\ns3 =\n  endpoint_url = https://s3-only.example.test\n");
  const auto location = files.sts("dev", "ap-southeast-2");
  BOOST_TEST(location.url == "https://profile.example.test");
  BOOST_TEST(location.signing_region == "ap-southeast-2");
  BOOST_TEST(location.configured);
  // A services block with no sts entry falls through to the profile's endpoint_url.
  BOOST_TEST(files.sts("other", "ap-southeast-2").url == "https://other.example.test");
}

BOOST_AUTO_TEST_CASE(ignore_configured_endpoint_urls_disables_every_source) {
  const Files files(k_all_sources);
  const auto env = env_of({{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"},
                           {"AWS_ENDPOINT_URL_STS", "http://localhost:5000"},
                           {"AWS_ENDPOINT_URL", "https://global-env.example.test"}});
  const auto location = files.sts("dev", "eu-west-1", env);
  BOOST_TEST(location.url == "https://sts.eu-west-1.amazonaws.com");
  BOOST_TEST(location.signing_region == "eu-west-1");
  BOOST_TEST(!location.configured);
}

BOOST_AUTO_TEST_CASE(ignore_configured_endpoint_urls_can_come_from_the_profile) {
  const Files files(std::string(k_all_sources) +
                    "[profile plain]\nendpoint_url = https://x.test\n"
                    "ignore_configured_endpoint_urls = true\n");
  const auto location = files.sts("plain", "eu-west-1");
  BOOST_TEST(location.url == "https://sts.eu-west-1.amazonaws.com");
  BOOST_TEST(!location.configured);
}

BOOST_AUTO_TEST_CASE(a_services_name_without_its_section_is_a_config_error) {
  const Files files("[profile dev]\nservices = missing\n");
  const auto error = error_of([&] { (void)files.sts("dev", "us-east-1"); });
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(std::string(error.what()).find("missing") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_configured_url_with_fips_or_dual_stack_is_a_config_error) {
  const Files files(k_all_sources);
  for (const char* variable : {"AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT"}) {
    BOOST_TEST_CONTEXT(variable) {
      const auto env = env_of({{variable, "true"}});
      const auto error = error_of([&] { (void)files.sts("dev", "eu-west-1", env); });
      BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
      const auto from_env = error_of([&] {
        (void)sts_of("us-east-1", env_of({{variable, "true"},
                                          {"AWS_ENDPOINT_URL_STS", "http://localhost:5000"}}));
      });
      BOOST_TEST((from_env.kind() == rh::util::ErrorKind::config));
    }
  }
}

BOOST_AUTO_TEST_CASE(fips_with_ignored_endpoint_urls_is_not_an_error) {
  const Files files(k_all_sources);
  const auto env =
      env_of({{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"}, {"AWS_USE_FIPS_ENDPOINT", "true"}});
  BOOST_TEST(files.sts("dev", "eu-west-1", env).url == "https://sts-fips.eu-west-1.amazonaws.com");
}

// ---- the environment over the profile, and refused settings (botocore 1.43 checked) ----

BOOST_AUTO_TEST_CASE(aws_use_fips_endpoint_false_overrides_a_profile_true) {
  // botocore's config chain reads the variable before the config file.
  const Files files("[profile f]\nuse_fips_endpoint = true\n");
  const auto env = env_of({{"AWS_USE_FIPS_ENDPOINT", "false"}});
  BOOST_TEST(files.sts("f", "eu-west-1", env).url == "https://sts.eu-west-1.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(aws_use_fips_endpoint_true_overrides_a_profile_false) {
  const Files files("[profile f]\nuse_fips_endpoint = false\n");
  const auto env = env_of({{"AWS_USE_FIPS_ENDPOINT", "true"}});
  BOOST_TEST(files.sts("f", "eu-west-1", env).url == "https://sts-fips.eu-west-1.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(aws_use_dualstack_endpoint_false_overrides_a_profile_true) {
  const Files files("[profile d]\nuse_dualstack_endpoint = true\n");
  const auto env = env_of({{"AWS_USE_DUALSTACK_ENDPOINT", "false"}});
  BOOST_TEST(files.sts("d", "eu-west-1", env).url == "https://sts.eu-west-1.amazonaws.com");
}

BOOST_AUTO_TEST_CASE(aws_ignore_configured_endpoint_urls_false_overrides_a_profile_true) {
  const Files files(
      "[profile p]\nendpoint_url = https://p.example.test\nignore_configured_endpoint_urls = "
      "true\n");
  const auto env = env_of({{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"}});
  const auto location = files.sts("p", "eu-west-1", env);
  BOOST_TEST(location.url == "https://p.example.test");
  BOOST_TEST(location.configured);
}

BOOST_AUTO_TEST_CASE(an_unknown_sts_regional_endpoints_value_is_a_config_error) {
  // botocore: InvalidSTSRegionalEndpointsConfigError for anything but "legacy" and "regional",
  // whatever the region (the value is case-sensitive).
  for (const char* region : {"us-west-2", "af-south-1"}) {
    BOOST_TEST_CONTEXT(region) {
      const auto error = error_of([&] {
        (void)sts_of(region, env_of({{"AWS_STS_REGIONAL_ENDPOINTS", "bogus"}}));
      });
      BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
    }
  }
  const Files files("[profile old]\nsts_regional_endpoints = Legacy\n");
  const auto error = error_of([&] { (void)files.sts("old", "eu-west-1"); });
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
}

BOOST_AUTO_TEST_CASE(a_configured_endpoint_url_without_a_scheme_is_a_config_error) {
  // botocore: ValueError "Invalid endpoint: localhost:5000". Accepting it here leaves StsClient
  // to fail later with Error(internal) from the signer.
  const auto from_env = error_of([&] {
    (void)sts_of("eu-west-1", env_of({{"AWS_ENDPOINT_URL_STS", "localhost:5000"}}));
  });
  BOOST_TEST((from_env.kind() == rh::util::ErrorKind::config));
  const Files files("[profile p]\nendpoint_url = sts.example.test\n");
  const auto from_profile = error_of([&] { (void)files.sts("p", "eu-west-1"); });
  BOOST_TEST((from_profile.kind() == rh::util::ErrorKind::config));
}

BOOST_AUTO_TEST_CASE(a_services_block_key_is_read_case_insensitively_as_configparser_does) {
  const Files files(
      "[profile s]\nservices = x\n[services x]\nSTS =\n  endpoint_url = "
      "https://upper.example.test\n");
  BOOST_TEST(files.sts("s", "eu-west-1").url == "https://upper.example.test");
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
