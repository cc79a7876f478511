// SPDX-License-Identifier: MIT
// AtomicFile: replaces a file so that readers, and a process killed at any moment, see either
// the old or the new content, never a mix. Writes go to a temporary file in the target's
// folder; nothing is visible until commit() (fsync, rename, fsync the folder). Without
// commit() the destructor removes the temporary file. Throws Error(io).
#pragma once

#include <filesystem>
#include <string_view>
#include <sys/types.h>

namespace rolehelper::os {

class AtomicFile {
 public:
  // `mode` becomes the new file's mode exactly (umask does not apply).
  AtomicFile(std::filesystem::path target, mode_t mode);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  void write(std::string_view data);
  // Gives the new file this owner, when allowed (editing another user's file as root).
  void keep_owner(uid_t owner, gid_t group) noexcept;
  void commit();

  // Removes temporary files that a killed writer left beside `target`. Call it only while
  // holding the lock that every writer of `target` takes, so no live temp file is removed.
  static void remove_stale_temporaries(const std::filesystem::path& target) noexcept;

 private:
  std::filesystem::path m_target;
  std::filesystem::path m_temp_path;
  int m_fd = -1;
  bool m_committed = false;
};

}  // namespace rolehelper::os
