// SPDX-License-Identifier: MIT
// What the config files mean, as botocore sees it: build_profile_map() sorts the config file's
// sections into profiles ("[default]", "[profile NAME]" split with shlex), sso-sessions,
// services and other sections; merge_profiles() lays the credentials file over the config
// file, key by key, as botocore's Session.full_config does.
#pragma once

#include <rolehelper/aws/config_file.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolehelper::aws {

struct NamedSettings {
  std::string name;
  std::vector<Setting> settings;
  std::size_t section_index = 0;  // in ConfigFile::sections() (the last one when repeated)
};

struct ConfigFileView {
  std::vector<NamedSettings> profiles;
  std::vector<NamedSettings> sso_sessions;
  std::vector<NamedSettings> services;
  std::vector<NamedSettings> others;  // sections that are none of the above, e.g. [preview]
};

[[nodiscard]] ConfigFileView build_profile_map(const ConfigFile& config);

struct Profile {
  std::string name;
  std::vector<Setting> settings;
  std::optional<std::size_t> config_section;       // in the config file's sections()
  std::optional<std::size_t> credentials_section;  // in the credentials file's sections()

  [[nodiscard]] const Setting* find(std::string_view key) const noexcept;
  [[nodiscard]] std::optional<std::string> value(std::string_view key) const;
};

// Config profiles in file order, then profiles found only in the credentials file.
[[nodiscard]] std::vector<Profile> merge_profiles(const ConfigFile& config,
                                                  const ConfigFile& credentials);
// The same from the config profiles build_profile_map() already found.
[[nodiscard]] std::vector<Profile> merge_profiles(std::vector<NamedSettings> config_profiles,
                                                  const ConfigFile& credentials);

// The config file section header text for a profile: "default" or "profile NAME".
[[nodiscard]] std::string config_section_name(std::string_view profile);

// Indexes in config.document().sections() of every section that defines `profile`
// ([default] and [profile default] both define "default"), in file order.
[[nodiscard]] std::vector<std::size_t> config_sections_of(const ConfigFile& config,
                                                          std::string_view profile);
// Likewise for the credentials file, whose sections are named by the bare profile name.
[[nodiscard]] std::vector<std::size_t> credentials_sections_of(const ConfigFile& credentials,
                                                               std::string_view profile);

}  // namespace rolehelper::aws
