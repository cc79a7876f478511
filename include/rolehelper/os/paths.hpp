// SPDX-License-Identifier: MIT
// Where rolehelper's files are. The AWS pair follows botocore: AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE with $VAR and ~ expanded, else ~/.aws/config and
// ~/.aws/credentials; command-line flags win over both.
#pragma once

#include <rolehelper/os/environment.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace rolehelper::os {

struct AwsFilePaths {
  std::filesystem::path config;
  std::filesystem::path credentials;
};

// HOME, or the password database's entry when HOME is unset (as Python's expanduser does).
[[nodiscard]] std::string home_directory(const Environment& env);

// os.path.expandvars then os.path.expanduser, as botocore applies them to file settings.
[[nodiscard]] std::string expand_path(std::string_view path, const Environment& env);

[[nodiscard]] AwsFilePaths aws_file_paths(const Environment& env,
                                          const std::optional<std::string>& config_flag,
                                          const std::optional<std::string>& credentials_flag);

// The file an edit must change: symlinks followed to their final target, even when that
// target does not exist yet, so a symlinked config is never replaced by a regular file.
// Throws Error(io) on a symlink loop.
[[nodiscard]] std::filesystem::path resolve_symlinks(const std::filesystem::path& path);

}  // namespace rolehelper::os
