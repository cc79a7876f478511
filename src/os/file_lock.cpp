// SPDX-License-Identifier: MIT
#include <rolehelper/os/file_lock.hpp>
#include <rolehelper/util/error.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>

namespace rolehelper::os {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;

FileLock::FileLock(fs::path lock_path) : m_path(std::move(lock_path)) {
  open_file();
}

void FileLock::open_file() {
  m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (m_fd < 0) {
    throw Error(ErrorKind::io,
                m_path.string() + ": cannot open lock file: " + std::strerror(errno));
  }
}

bool FileLock::holds_the_named_file() const {
  struct stat held {};
  struct stat named {};
  return ::fstat(m_fd, &held) == 0 && ::stat(m_path.c_str(), &named) == 0 &&
         held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

FileLock::~FileLock() {
  unlock();
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

bool FileLock::try_lock() {
  while (true) {
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EINTR) {
        continue;
      }
      if (errno == EWOULDBLOCK) {
        return false;
      }
      throw Error(ErrorKind::io, m_path.string() + ": cannot lock: " + std::strerror(errno));
    }
    // Whoever removes a lock file does so holding it; a lock on a file no longer under the
    // name would exclude nobody, so take the new file instead.
    if (holds_the_named_file()) {
      m_locked = true;
      return true;
    }
    ::close(m_fd);
    m_fd = -1;
    open_file();
  }
}

void FileLock::lock(std::chrono::milliseconds timeout) {
  // Poll rather than block in flock(): a bounded wait gives a clear error instead of a hang
  // when another process keeps the lock (a stopped editor, an NFS home).
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::milliseconds(1);
  while (!try_lock()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      throw Error(ErrorKind::io, m_path.string() + ": still locked by another process",
                  "wait for the other rolehelper to finish, then try again");
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

void FileLock::unlock() noexcept {
  if (m_locked) {
    ::flock(m_fd, LOCK_UN);
    m_locked = false;
  }
}

fs::path FileLock::sidecar_for(const fs::path& file) {
  return file.parent_path() / (file.filename().string() + ".lock");
}

}  // namespace rolehelper::os
