// SPDX-License-Identifier: MIT
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include "support/temp_dir.hpp"

namespace rh = rolehelper;
using rolehelper::test::TempDir;
namespace fs = std::filesystem;

namespace {
void set_region(rh::aws::ConfigFile& file) {
  const auto index =
      file.sections().empty() ? file.append_section("default") : file.sections()[0].document_index;
  file.update_section(index, {{"region", "eu-west-1"}});
}
}  // namespace

BOOST_AUTO_TEST_SUITE(aws)
BOOST_AUTO_TEST_SUITE(config_files)

BOOST_AUTO_TEST_CASE(a_new_file_is_0600_in_a_new_0700_folder) {
  TempDir dir;
  const auto path = dir / "new/.aws/config";
  const auto outcome = rh::aws::edit_config_file(path, rh::aws::FileKind::config, set_region);
  BOOST_TEST(outcome.created);
  BOOST_TEST(rh::test::read_file(path) == "[default]\nregion = eu-west-1\n");
  BOOST_TEST(rh::os::file_status(path)->mode == 0600U);
  BOOST_TEST(rh::os::file_status(path.parent_path())->mode == 0700U);
  BOOST_TEST(rh::os::file_status(dir / "new")->mode == 0700U);
}

BOOST_AUTO_TEST_CASE(an_existing_files_mode_is_kept_but_credentials_never_wider_than_0600) {
  TempDir dir;
  rh::test::write_file(dir / "config", "[default]\n");
  ::chmod((dir / "config").c_str(), 0644);
  (void)rh::aws::edit_config_file(dir / "config", rh::aws::FileKind::config, set_region);
  BOOST_TEST(rh::os::file_status(dir / "config")->mode == 0644U);

  rh::test::write_file(dir / "credentials", "[default]\n");
  ::chmod((dir / "credentials").c_str(), 0644);
  const auto outcome =
      rh::aws::edit_config_file(dir / "credentials", rh::aws::FileKind::credentials, set_region);
  BOOST_TEST(rh::os::file_status(dir / "credentials")->mode == 0600U);
  BOOST_TEST(*outcome.narrowed_from == 0644U);
}

BOOST_AUTO_TEST_CASE(a_symlinked_file_is_edited_at_its_target) {
  TempDir dir;
  fs::create_directories(dir / "dotfiles");
  rh::test::write_file(dir / "dotfiles/aws-config", "[default]\n");
  fs::create_symlink("dotfiles/aws-config", dir / "config");
  const auto outcome =
      rh::aws::edit_config_file(dir / "config", rh::aws::FileKind::config, set_region);
  BOOST_TEST(fs::is_symlink(dir / "config"));
  BOOST_TEST(outcome.written == dir / "dotfiles/aws-config");
  BOOST_TEST(rh::test::read_file(dir / "dotfiles/aws-config") == "[default]\nregion = eu-west-1\n");
  BOOST_TEST(fs::exists(dir / "dotfiles/aws-config.lock"));
}

BOOST_AUTO_TEST_CASE(a_file_botocore_refuses_is_left_untouched) {
  TempDir dir;
  const std::string refused = "[default]\nregion = a\n[default]\n";
  rh::test::write_file(dir / "config", refused);
  BOOST_CHECK_THROW(
      rh::aws::edit_config_file(dir / "config", rh::aws::FileKind::config, set_region),
      rh::util::Error);
  BOOST_TEST(rh::test::read_file(dir / "config") == refused);
}

BOOST_AUTO_TEST_CASE(a_failing_change_writes_nothing) {
  TempDir dir;
  rh::test::write_file(dir / "config", "[default]\n");
  BOOST_CHECK_THROW(rh::aws::edit_config_file(dir / "config", rh::aws::FileKind::config,
                                              [](rh::aws::ConfigFile& file) {
                                                set_region(file);
                                                throw rh::util::Error(rh::util::ErrorKind::usage,
                                                                      "changed my mind");
                                              }),
                    rh::util::Error);
  BOOST_TEST(rh::test::read_file(dir / "config") == "[default]\n");
}

BOOST_AUTO_TEST_CASE(an_unchanged_file_is_not_rewritten) {
  TempDir dir;
  rh::test::write_file(dir / "config", "[default]\nregion = eu-west-1\n");
  const auto before = fs::last_write_time(dir / "config");
  const auto outcome =
      rh::aws::edit_config_file(dir / "config", rh::aws::FileKind::config, set_region);
  BOOST_TEST(!outcome.changed);
  BOOST_TEST((fs::last_write_time(dir / "config") == before));
}

BOOST_AUTO_TEST_CASE(a_device_fifo_or_folder_is_never_replaced_and_reads_as_absent) {
  TempDir dir;
  BOOST_REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
  std::filesystem::create_directory(dir / "folder");
  for (const auto* name : {"fifo", "folder"}) {
    BOOST_CHECK_THROW(rh::aws::edit_config_file(dir / name, rh::aws::FileKind::config, set_region),
                      rh::util::Error);
    BOOST_TEST(
        !rh::os::read_file(dir / name).has_value());  // and reading does not block on the FIFO
  }
  BOOST_TEST(std::filesystem::is_fifo(dir / "fifo"));
  BOOST_CHECK_THROW(rh::aws::edit_config_file("/dev/null", rh::aws::FileKind::config, set_region),
                    rh::util::Error);
}

BOOST_AUTO_TEST_CASE(a_credentials_file_readable_only_by_others_becomes_0600_not_0000) {
  TempDir dir;
  rh::test::write_file(dir / "credentials", "[default]\n");
  ::chmod((dir / "credentials").c_str(), 0044);
  (void)rh::aws::edit_config_file(dir / "credentials", rh::aws::FileKind::credentials, set_region);
  BOOST_TEST(rh::os::file_status(dir / "credentials")->mode == 0600U);
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
