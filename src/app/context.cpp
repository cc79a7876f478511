// SPDX-License-Identifier: MIT
#include <rolehelper/app/context.hpp>
#include <rolehelper/util/strings.hpp>

namespace rolehelper::app {

os::AwsFilePaths Context::aws_files() const {
  auto paths = os::aws_file_paths(env, options.config_file, options.credentials_file);
  log.debug("config file " + paths.config.string() + ", credentials file " +
            paths.credentials.string());
  return paths;
}

std::string Context::display_path(const std::filesystem::path& path) const {
  return util::shorten_home(path.string(), env.get("HOME").value_or(""));
}

}  // namespace rolehelper::app
