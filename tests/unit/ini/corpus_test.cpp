// SPDX-License-Identifier: MIT
// Every file of the hostile corpus comes back byte for byte from an unedited document.
#include <rolehelper/ini/document.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(ini)
BOOST_AUTO_TEST_SUITE(corpus)

BOOST_AUTO_TEST_CASE(every_corpus_file_round_trips_byte_for_byte) {
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(ROLEHELPER_TEST_DATA_DIR))) {
    if (!entry.is_regular_file()) {
      continue;
    }
    const auto text = rolehelper::test::read_file(entry.path());
    BOOST_TEST_CONTEXT(entry.path().string()) {
      BOOST_TEST(rolehelper::ini::Document::parse(text).text() == text);
    }
    ++files;
  }
  BOOST_TEST(files >= 30U);
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
