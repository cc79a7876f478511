// SPDX-License-Identifier: MIT
// error_of(call): the util::Error that `call` throws (the test fails if it throws none), so a
// test can check the message, the kind and the hint; contains() for reading those checks.
#pragma once

#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

#include <string_view>

namespace rolehelper::test {

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

template <typename F>
util::Error error_of(F&& call) {
  try {
    call();
  } catch (const util::Error& error) {
    return error;
  }
  BOOST_FAIL("expected a util::Error");
  return util::Error(util::ErrorKind::internal, "unreachable");
}

}  // namespace rolehelper::test
