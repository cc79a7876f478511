// SPDX-License-Identifier: MIT
// throw_system_error: Error(io) "PATH: WHAT: <strerror(error)>", the one shape of every
// failed system call on a file in the os layer.
#pragma once

#include <filesystem>
#include <string_view>

namespace rolehelper::os {

[[noreturn]] void throw_system_error(const std::filesystem::path& path, std::string_view what,
                                     int error);

}  // namespace rolehelper::os
