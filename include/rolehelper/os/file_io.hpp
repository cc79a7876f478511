// SPDX-License-Identifier: MIT
// Plain file access. A missing file is std::nullopt, never an error; every other failure
// throws Error(io) naming the path and the system's reason.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>

namespace rolehelper::os {

struct FileStatus {
  mode_t mode = 0;  // permission bits only
  uid_t owner = 0;
  gid_t group = 0;
  bool regular = true;  // false for folders, devices, FIFOs
};

// The content of a regular file; std::nullopt when it is missing or not a regular file.
// What changes whenever a file's content may have changed: trusting a result derived from a
// file while its stamp is unchanged spares reading it again (git's index does the same).
struct FileStamp {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t size = 0;
  std::int64_t modified_ns = 0;
  std::int64_t changed_ns = 0;  // ctime: no program can set it back
};

// The stamp of the file `path` names (after symlinks), or std::nullopt when it does not exist.
[[nodiscard]] std::optional<FileStamp> file_stamp(const std::filesystem::path& path);

[[nodiscard]] std::optional<std::string> read_file(const std::filesystem::path& path);
[[nodiscard]] std::optional<FileStatus> file_status(const std::filesystem::path& path);

// Creates the folder and any missing parents with `mode`; existing folders are left as they are.
void ensure_directory(const std::filesystem::path& dir, mode_t mode);

}  // namespace rolehelper::os
