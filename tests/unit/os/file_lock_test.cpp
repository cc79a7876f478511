// SPDX-License-Identifier: MIT
// FileLock when its lock file is removed by a holder (cache clear does so): whoever locks
// next locks the file now under the name, never the removed one. flock() excludes open file
// descriptions, so two FileLock objects in one process stand in for two processes here.
#include <rolehelper/os/file_lock.hpp>

#include <boost/test/unit_test.hpp>

#include "support/temp_dir.hpp"

namespace rh = rolehelper;
using rh::test::TempDir;

BOOST_AUTO_TEST_SUITE(os)
BOOST_AUTO_TEST_SUITE(file_lock)

BOOST_AUTO_TEST_CASE(a_second_lock_waits_for_the_first) {
  TempDir dir;
  rh::os::FileLock first(dir / "x.lock");
  rh::os::FileLock second(dir / "x.lock");
  BOOST_TEST(first.try_lock());
  BOOST_TEST(!second.try_lock());
  first.unlock();
  BOOST_TEST(second.try_lock());
}

BOOST_AUTO_TEST_CASE(a_lock_file_removed_by_its_holder_is_replaced_for_the_next_one) {
  TempDir dir;
  const auto path = dir / "x.lock";
  rh::os::FileLock holder(path);
  rh::os::FileLock waiter(path);  // opened the file that is about to be removed
  BOOST_TEST(holder.try_lock());
  std::filesystem::remove(path);
  rh::os::FileLock newcomer(path);  // makes a new file under the name
  BOOST_TEST(newcomer.try_lock());
  holder.unlock();
  // The waiter's old file is free now, but locking it would exclude nobody: it moves to the
  // named file, which the newcomer holds.
  BOOST_TEST(!waiter.try_lock());
  newcomer.unlock();
  BOOST_TEST(waiter.try_lock());
  BOOST_TEST(std::filesystem::exists(path));
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
