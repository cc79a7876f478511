// SPDX-License-Identifier: MIT
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/os/system_error.hpp>
#include <rolehelper/util/error.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace rolehelper::os {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;

std::optional<FileStamp> file_stamp(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return std::nullopt;
    }
    throw_system_error(path, "cannot stat", errno);
  }
  const auto nanoseconds = [](const timespec& time) {
    return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
  };
  return FileStamp{static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino),
#ifdef __APPLE__
                   static_cast<std::int64_t>(info.st_size), nanoseconds(info.st_mtimespec),
                   nanoseconds(info.st_ctimespec)};
#else
                   static_cast<std::int64_t>(info.st_size), nanoseconds(info.st_mtim),
                   nanoseconds(info.st_ctim)};
#endif
}

std::optional<std::string> read_file(const fs::path& path) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is then skipped below.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR || errno == EISDIR) {
      return std::nullopt;
    }
    throw_system_error(path, "cannot open", errno);
  }
  std::string content;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return std::nullopt;  // a folder, device or FIFO: botocore skips what os.path.isfile rejects
  }
  if (info.st_size > 0) {
    content.reserve(static_cast<std::size_t>(info.st_size));
  }
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      const int error = errno;
      ::close(fd);
      throw_system_error(path, "cannot read", error);
    }
    if (n == 0) {
      break;
    }
    content.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return content;
}

std::optional<FileStatus> file_status(const fs::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) {
      return std::nullopt;
    }
    throw_system_error(path, "cannot stat", errno);
  }
  return FileStatus{static_cast<mode_t>(info.st_mode & 07777), info.st_uid, info.st_gid,
                    S_ISREG(info.st_mode)};
}

void ensure_directory(const fs::path& dir, mode_t mode) {
  if (dir.empty()) {
    return;
  }
  struct stat info {};
  if (::stat(dir.c_str(), &info) == 0) {
    if (!S_ISDIR(info.st_mode)) {
      throw Error(ErrorKind::io, dir.string() + ": exists and is not a folder");
    }
    return;
  }
  ensure_directory(dir.parent_path() == dir ? fs::path{} : dir.parent_path(), mode);
  if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) {
    throw_system_error(dir, "cannot create folder", errno);
  }
}

}  // namespace rolehelper::os
