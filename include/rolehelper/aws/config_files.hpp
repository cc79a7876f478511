// SPDX-License-Identifier: MIT
// ConfigFiles: the config + credentials pair that together define the profiles, and
// edit_config_file(), the one way rolehelper changes either file: lock a sidecar file, read,
// parse (a file botocore would refuse is left untouched), apply the change, and replace the
// file atomically keeping its mode and owner. New files are 0600 in a 0700 folder and the
// credentials file never ends up wider than 0600.
#pragma once

#include <rolehelper/aws/config_file.hpp>
#include <rolehelper/aws/profile_map.hpp>
#include <rolehelper/os/paths.hpp>
#include <rolehelper/util/log.hpp>

#include <functional>
#include <optional>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace rolehelper::aws {

class ConfigFiles {
 public:
  // Missing files read as empty. Throws Error(io) or Error(parse).
  [[nodiscard]] static ConfigFiles load(const os::AwsFilePaths& paths);
  ConfigFiles(ConfigFile config, ConfigFile credentials);

  [[nodiscard]] const ConfigFile& config() const noexcept { return m_config; }
  [[nodiscard]] const ConfigFile& credentials() const noexcept { return m_credentials; }
  [[nodiscard]] const std::vector<Profile>& profiles() const noexcept { return m_profiles; }
  // The config file's [services NAME] sections.
  [[nodiscard]] const std::vector<NamedSettings>& services() const noexcept { return m_services; }
  [[nodiscard]] const Profile* find_profile(std::string_view name) const noexcept;

 private:
  ConfigFile m_config;
  ConfigFile m_credentials;
  std::vector<NamedSettings> m_services;
  std::vector<Profile> m_profiles;
};

struct EditOutcome {
  bool changed = false;
  bool created = false;                 // the file did not exist before
  std::optional<mode_t> narrowed_from;  // a credentials file that was wider than 0600
  std::filesystem::path written;        // the file actually written (a symlink's target)
};

// Runs `change` on the freshly read file while holding its lock, then writes the result if
// it differs. Exceptions from `change` leave the file untouched. With `log`, says at debug
// level which file was replaced or left as it was.
EditOutcome edit_config_file(const std::filesystem::path& path, FileKind kind,
                             const std::function<void(ConfigFile&)>& change,
                             const util::Logger* log = nullptr);

}  // namespace rolehelper::aws
