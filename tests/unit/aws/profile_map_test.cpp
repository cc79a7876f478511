// SPDX-License-Identifier: MIT
#include <rolehelper/aws/config_file.hpp>
#include <rolehelper/aws/profile_map.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

using namespace rolehelper::aws;

namespace {
ConfigFile config_of(std::string text) {
  return ConfigFile::from_text("config", FileKind::config, std::move(text));
}
ConfigFile credentials_of(std::string text) {
  return ConfigFile::from_text("credentials", FileKind::credentials, std::move(text));
}
const NamedSettings* named(const std::vector<NamedSettings>& items, const std::string& name) {
  for (const auto& item : items) {
    if (item.name == name) {
      return &item;
    }
  }
  return nullptr;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(aws)
BOOST_AUTO_TEST_SUITE(profile_map)

BOOST_AUTO_TEST_CASE(sections_are_sorted_as_build_profile_map_does) {
  const auto view = build_profile_map(config_of(
      "[default]\na = 1\n[profile  x ]\nb = 2\n[profile \"my prof\"]\nc = 3\n[profile a b]\nd = 4\n"
      "[profilefoo bar]\ne = 5\n[profiletest]\nf = 6\n[sso-session corp]\ng = 7\n[services s]\nh = "
      "8\n"
      "[preview]\ni = 9\n[Profile X]\nj = 10\n"));
  BOOST_TEST(view.profiles.size() == 4U);
  BOOST_TEST(named(view.profiles, "default") != nullptr);
  BOOST_TEST(named(view.profiles, "x") != nullptr);
  BOOST_TEST(named(view.profiles, "my prof") != nullptr);
  BOOST_TEST(named(view.profiles, "bar") != nullptr);  // str.startswith("profile")
  BOOST_TEST(named(view.sso_sessions, "corp") != nullptr);
  BOOST_TEST(named(view.services, "s") != nullptr);
  BOOST_TEST(view.others.size() ==
             2U);  // [preview] and [Profile X]; [profiletest] and [profile a b] vanish
}

BOOST_AUTO_TEST_CASE(the_later_of_default_and_profile_default_wins_whole) {
  const auto view =
      build_profile_map(config_of("[profile default]\na = 1\nb = 2\n[default]\na = 3\n"));
  BOOST_REQUIRE(view.profiles.size() == 1U);
  BOOST_REQUIRE(view.profiles[0].settings.size() == 1U);
  BOOST_TEST(view.profiles[0].settings[0].value == "3");
}

BOOST_AUTO_TEST_CASE(nested_blocks_keep_sub_key_case_and_the_last_repeat) {
  const auto config = config_of("[default]\ns3 =\n  Addressing_Style = path\n  x = 1\n  x = 2\n");
  const auto& setting = config.sections()[0].settings[0];
  BOOST_REQUIRE(setting.nested.has_value());
  BOOST_TEST(setting.nested->size() == 2U);
  BOOST_TEST((*setting.nested)[0].first == "Addressing_Style");
  BOOST_TEST((*setting.nested)[1].second == "2");
}

BOOST_AUTO_TEST_CASE(a_nested_line_without_equals_refuses_the_file_with_its_line) {
  try {
    (void)config_of("[default]\ns3 =\n  a = 1\n  broken\n");
    BOOST_FAIL("expected a refusal");
  } catch (const rolehelper::util::Error& error) {
    BOOST_TEST(std::string(error.what()).starts_with("config:4:"));
  }
}

BOOST_AUTO_TEST_CASE(credentials_values_override_config_values_key_by_key) {
  const auto profiles =
      merge_profiles(config_of("[profile a]\nregion = config\noutput = json\n"),
                     credentials_of("[a]\nregion = creds\n[b]\nk = v\n[profile c]\nk = v\n"));
  BOOST_REQUIRE(profiles.size() == 3U);
  BOOST_TEST(profiles[0].name == "a");
  BOOST_TEST(*profiles[0].value("region") == "creds");
  BOOST_TEST((profiles[0].find("region")->file == FileKind::credentials));
  BOOST_TEST(*profiles[0].value("output") == "json");
  BOOST_TEST(profiles[1].name == "b");
  BOOST_TEST(profiles[2].name == "profile c");  // bare names in the credentials file
}

BOOST_AUTO_TEST_CASE(every_section_defining_a_profile_is_found_for_editing) {
  const auto config = config_of(
      "[default]\na = 1\n[profile x]\nb = 2\n[profile default]\nc = 3\n[profile \"x\"]\nd = 4\n");
  BOOST_TEST(config_sections_of(config, "default") == (std::vector<std::size_t>{0, 2}));
  BOOST_TEST(config_sections_of(config, "x") == (std::vector<std::size_t>{1, 3}));
  BOOST_TEST(config_section_name("default") == "default");
  BOOST_TEST(config_section_name("x") == "profile x");
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
