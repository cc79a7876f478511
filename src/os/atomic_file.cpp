// SPDX-License-Identifier: MIT
#include <rolehelper/os/atomic_file.hpp>
#include <rolehelper/os/system_error.hpp>
#include <rolehelper/util/error.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <sys/stat.h>
#include <vector>

namespace rolehelper::os {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;

namespace {

constexpr std::string_view k_temp_marker = ".rolehelper-tmp-";

std::string temp_prefix(const fs::path& target) {
  return "." + target.filename().string() + std::string(k_temp_marker);
}

void fsync_directory(const fs::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    throw_system_error(dir, "cannot open folder to sync it", errno);
  }
  // Some filesystems cannot fsync a folder (EINVAL); the rename is then as durable as they allow.
  if (::fsync(fd) != 0 && errno != EINVAL) {
    const int error = errno;
    ::close(fd);
    throw_system_error(dir, "cannot sync folder", error);
  }
  ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile(fs::path target, mode_t mode) : m_target(std::move(target)) {
  const fs::path dir = m_target.parent_path();
  std::string pattern = (dir / (temp_prefix(m_target) + "XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  m_fd = ::mkostemp(buffer.data(), O_CLOEXEC);
  if (m_fd < 0) {
    throw_system_error(dir.empty() ? fs::path(".") : dir, "cannot create a temporary file", errno);
  }
  m_temp_path = buffer.data();
  if (::fchmod(m_fd, mode) != 0) {
    const int error = errno;
    ::close(m_fd);
    m_fd = -1;
    ::unlink(m_temp_path.c_str());
    throw_system_error(m_temp_path, "cannot set mode", error);
  }
}

AtomicFile::~AtomicFile() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
  if (!m_committed && !m_temp_path.empty()) {
    ::unlink(m_temp_path.c_str());  // failure ignored: nothing better to do in a destructor
  }
}

void AtomicFile::write(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(m_fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      throw_system_error(m_temp_path, "cannot write", errno);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

void AtomicFile::keep_owner(uid_t owner, gid_t group) noexcept {
  if (::fchown(m_fd, owner, group) != 0) {
    // Not permitted for ordinary users, who only ever edit their own files anyway.
  }
}

void AtomicFile::commit() {
  if (::fsync(m_fd) != 0) {
    throw_system_error(m_temp_path, "cannot sync", errno);
  }
  if (::close(m_fd) != 0) {
    m_fd = -1;
    throw_system_error(m_temp_path, "cannot close", errno);
  }
  m_fd = -1;
  if (::rename(m_temp_path.c_str(), m_target.c_str()) != 0) {
    throw_system_error(m_target, "cannot replace", errno);
  }
  m_committed = true;
  fsync_directory(m_target.parent_path());
}

void AtomicFile::remove_stale_temporaries(const fs::path& target) noexcept {
  std::error_code ec;
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  const std::string prefix = temp_prefix(target);
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const auto name = it->path().filename().string();
    if (name.size() == prefix.size() + 6 && name.starts_with(prefix)) {
      std::error_code ignored;  // one that cannot be removed must not end the sweep
      fs::remove(it->path(), ignored);
    }
  }
}

}  // namespace rolehelper::os
