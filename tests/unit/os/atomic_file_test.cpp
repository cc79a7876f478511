// SPDX-License-Identifier: MIT
#include <rolehelper/os/atomic_file.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/os/file_lock.hpp>

#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <sys/stat.h>
#include <sys/wait.h>

#include "support/temp_dir.hpp"

namespace rh = rolehelper;
using rolehelper::test::TempDir;

namespace {
std::size_t count_entries(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(os)
BOOST_AUTO_TEST_SUITE(atomic_file)

BOOST_AUTO_TEST_CASE(commit_replaces_the_file_with_the_given_mode) {
  TempDir dir;
  rh::test::write_file(dir / "f", "old");
  {
    rh::os::AtomicFile file(dir / "f", 0640);
    file.write("new ");
    file.write("content");
    BOOST_TEST(rh::test::read_file(dir / "f") == "old");  // nothing visible before commit
    file.commit();
  }
  BOOST_TEST(rh::test::read_file(dir / "f") == "new content");
  BOOST_TEST(rh::os::file_status(dir / "f")->mode == 0640U);
  BOOST_TEST(count_entries(dir.path()) == 1U);
}

BOOST_AUTO_TEST_CASE(without_commit_the_file_is_untouched_and_the_temporary_removed) {
  TempDir dir;
  rh::test::write_file(dir / "f", "old");
  {
    rh::os::AtomicFile file(dir / "f", 0600);
    file.write("never seen");
  }
  BOOST_TEST(rh::test::read_file(dir / "f") == "old");
  BOOST_TEST(count_entries(dir.path()) == 1U);
}

BOOST_AUTO_TEST_CASE(stale_temporaries_of_the_same_file_are_removed_and_others_kept) {
  TempDir dir;
  rh::test::write_file(dir / ".config.rolehelper-tmp-abc123", "left by a killed writer");
  rh::test::write_file(dir / ".credentials.rolehelper-tmp-abc123", "another file's");
  rh::test::write_file(dir / "config", "x");
  rh::os::AtomicFile::remove_stale_temporaries(dir / "config");
  BOOST_TEST(!std::filesystem::exists(dir / ".config.rolehelper-tmp-abc123"));
  BOOST_TEST(std::filesystem::exists(dir / ".credentials.rolehelper-tmp-abc123"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(file_lock)

BOOST_AUTO_TEST_CASE(another_process_holding_the_lock_excludes_us_until_it_dies) {
  TempDir dir;
  const auto lock_path = dir / "f.lock";
  int ready[2];
  BOOST_REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    rh::os::FileLock lock(lock_path);
    const bool got = lock.try_lock();
    const char byte = got ? 'y' : 'n';
    if (::write(ready[1], &byte, 1) != 1) {
      ::_exit(2);
    }
    ::pause();  // hold the lock until killed
    ::_exit(0);
  }
  char byte = 0;
  BOOST_REQUIRE(::read(ready[0], &byte, 1) == 1);
  BOOST_REQUIRE(byte == 'y');
  {
    rh::os::FileLock lock(lock_path);
    BOOST_TEST(!lock.try_lock());
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  rh::os::FileLock lock(lock_path);
  BOOST_TEST(lock.try_lock());  // the dead process's lock is gone
  BOOST_TEST(rh::os::file_status(lock_path)->mode == 0600U);
  ::close(ready[0]);
  ::close(ready[1]);
}

BOOST_AUTO_TEST_CASE(sidecar_is_beside_the_file) {
  BOOST_TEST(rh::os::FileLock::sidecar_for("/a/b/config") ==
             std::filesystem::path("/a/b/config.lock"));
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
