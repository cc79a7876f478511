// SPDX-License-Identifier: MIT
#include <rolehelper/os/system_error.hpp>
#include <rolehelper/util/error.hpp>

#include <cstring>
#include <string>

namespace rolehelper::os {

void throw_system_error(const std::filesystem::path& path, std::string_view what, int error) {
  throw util::Error(util::ErrorKind::io,
                    path.string() + ": " + std::string(what) + ": " + std::strerror(error));
}

}  // namespace rolehelper::os
