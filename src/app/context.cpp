// SPDX-License-Identifier: MIT
#include <rolehelper/app/context.hpp>
#include <rolehelper/util/strings.hpp>

namespace rolehelper::app {

std::string Context::display_path(const std::filesystem::path& path) const {
  return util::shorten_home(path.string(), env.get("HOME").value_or(""));
}

}  // namespace rolehelper::app
