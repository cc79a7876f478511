// SPDX-License-Identifier: MIT
#include <rolehelper/os/process.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

namespace rh = rolehelper;

namespace {
rh::os::Environment path_only() {
  rh::os::Environment env;
  env.set("PATH", "/usr/bin:/bin");
  return env;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(os)
BOOST_AUTO_TEST_SUITE(process)

BOOST_AUTO_TEST_CASE(runs_without_a_shell_and_captures_both_streams) {
  rh::os::PosixProcessRunner runner;
  const auto result =
      runner.run({"sh", "-c", "printf '%s|' \"$0\" \"$1\"; echo err >&2; exit 3", "$HOME", "a b"},
                 path_only(), std::chrono::seconds(10));
  BOOST_TEST(result.exit_code == 3);
  BOOST_TEST(result.out == "$HOME|a b|");  // arguments arrive literally: no shell expanded them
  BOOST_TEST(result.err == "err\n");
  BOOST_TEST(!result.timed_out);
}

BOOST_AUTO_TEST_CASE(the_child_sees_only_the_given_environment) {
  rh::os::PosixProcessRunner runner;
  auto env = path_only();
  env.set("ROLEHELPER_PROFILE_CHAIN", "a,b");
  const auto result = runner.run({"sh", "-c", "echo \"$ROLEHELPER_PROFILE_CHAIN:${HOME-unset}\""},
                                 env, std::chrono::seconds(10));
  BOOST_TEST(result.out == "a,b:unset\n");
}

BOOST_AUTO_TEST_CASE(the_time_limit_holds_after_the_program_closes_its_output) {
  rh::os::PosixProcessRunner runner;
  const auto result = runner.run({"sh", "-c", "exec >&- 2>&-; sleep 30"}, path_only(),
                                 std::chrono::milliseconds(300));
  BOOST_TEST(result.timed_out);
}

BOOST_AUTO_TEST_CASE(a_missing_program_is_an_error_naming_it) {
  rh::os::PosixProcessRunner runner;
  try {
    (void)runner.run({"no-such-program-here"}, path_only(), std::chrono::seconds(1));
    BOOST_FAIL("expected an error");
  } catch (const rh::util::Error& error) {
    BOOST_TEST(std::string(error.what()).find("no-such-program-here") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
