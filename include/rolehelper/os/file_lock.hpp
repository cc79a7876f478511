// SPDX-License-Identifier: MIT
// FileLock: an exclusive flock() on a dedicated lock file (never the data file, which atomic
// replacement swaps out). The lock belongs to this open file description: the destructor,
// or the death of the process, releases it. A lock file may be removed by a process that
// holds it; the others then lock the file newly made under the name. Test it with
// processes, not threads.
#pragma once

#include <chrono>
#include <filesystem>

namespace rolehelper::os {

class FileLock {
 public:
  // Opens (creating with mode 0600; it holds nothing) the lock file; does not lock yet.
  // Throws Error(io).
  explicit FileLock(std::filesystem::path lock_path);
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  // Waits for the lock. Throws Error(io) if it is not granted within `timeout`.
  void lock(std::chrono::milliseconds timeout = std::chrono::seconds(60));
  [[nodiscard]] bool try_lock();
  void unlock() noexcept;

  // The sidecar lock file that guards edits of `file`: "<file>.lock" in the same folder.
  [[nodiscard]] static std::filesystem::path sidecar_for(const std::filesystem::path& file);

 private:
  void open_file();
  [[nodiscard]] bool holds_the_named_file() const;

  std::filesystem::path m_path;
  int m_fd = -1;
  bool m_locked = false;
};

}  // namespace rolehelper::os
