// SPDX-License-Identifier: MIT
// mfa_code: where the MFA code comes from (--mfa-token, then rolehelper_mfa_process, then the
// terminal prompt), what happens when there is none, and that only a 6-digit code is sent;
// and that AssumeRole of a profile with an MFA serial sends SerialNumber and TokenCode.
#include <rolehelper/credentials/mfa.hpp>
#include <rolehelper/util/error.hpp>

#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/expect_error.hpp"
#include "support/fake_context.hpp"
#include "support/fake_process_runner.hpp"
#include "support/provider_world.hpp"

namespace rh = rolehelper;

namespace {

constexpr std::string_view k_serial = "arn:aws:iam::123456789012:mfa/alice";
constexpr std::string_view k_role_arn = "arn:aws:iam::210987654321:role/deployer";

using rolehelper::test::contains;
using rolehelper::test::error_of;

// Every source available; each test takes away what it does not want.
struct Sources {
  rh::test::ScriptedPrompt prompt;
  rh::test::ScriptedProcessRunner runner;
  rh::os::Environment env{{{"HOME", "/home/alice"}}};
  rh::credentials::MfaSources mfa;

  Sources() {
    prompt.answers.push_back("333333");
    runner.on_program("/opt/otp", rh::test::prints("222222\n"));
    mfa.prompt = &prompt;
    mfa.runner = &runner;
    mfa.env = &env;
  }

  std::string code(const std::optional<std::string>& mfa_process) {
    return std::string(rh::credentials::mfa_code("dev", k_serial, mfa_process, mfa).expose());
  }
};

const std::optional<std::string> k_mfa_process = std::string("/opt/otp --account 'alice work'");

}  // namespace

BOOST_AUTO_TEST_SUITE(credentials)
BOOST_AUTO_TEST_SUITE(mfa)

BOOST_AUTO_TEST_CASE(mfa_token_flag_wins) {
  Sources sources;
  sources.mfa.token_flag = "111111";
  BOOST_TEST(sources.code(k_mfa_process) == "111111");
  BOOST_TEST(sources.runner.calls.empty());
  BOOST_TEST(sources.prompt.questions.empty());
}

BOOST_AUTO_TEST_CASE(mfa_process_output_is_used_without_a_flag) {
  Sources sources;
  BOOST_TEST(sources.code(k_mfa_process) == "222222");
  BOOST_REQUIRE_EQUAL(sources.runner.calls.size(), 1U);
  BOOST_TEST(sources.runner.calls[0].argv ==
                 (std::vector<std::string>{"/opt/otp", "--account", "alice work"}),
             boost::test_tools::per_element());
  BOOST_TEST(sources.runner.calls[0].env.get("HOME").value_or("") == "/home/alice");
  BOOST_TEST(sources.prompt.questions.empty());
}

BOOST_AUTO_TEST_CASE(prompt_is_used_when_there_is_neither_flag_nor_process) {
  Sources sources;
  BOOST_TEST(sources.code(std::nullopt) == "333333");
  BOOST_REQUIRE_EQUAL(sources.prompt.questions.size(), 1U);
  BOOST_TEST(contains(sources.prompt.questions[0], k_serial), sources.prompt.questions[0]);
  BOOST_TEST(sources.runner.calls.empty());
}

BOOST_AUTO_TEST_CASE(no_terminal_and_nothing_else_is_an_auth_error_that_says_how) {
  Sources sources;
  sources.prompt.terminal = false;
  const auto error = error_of([&] { (void)sources.code(std::nullopt); });
  BOOST_TEST((error.kind() == rh::util::ErrorKind::auth));
  BOOST_TEST(contains(error.what(), "'dev'"), error.what());
  BOOST_TEST(contains(error.hint(), "--mfa-token"), error.hint());
  BOOST_TEST(sources.prompt.questions.size() == 1U);  // it did try to ask
}

BOOST_AUTO_TEST_CASE(no_prompt_at_all_is_the_same_auth_error) {
  Sources sources;
  sources.mfa.prompt = nullptr;
  const auto error = error_of([&] { (void)sources.code(std::nullopt); });
  BOOST_TEST((error.kind() == rh::util::ErrorKind::auth));
  BOOST_TEST(contains(error.hint(), "--mfa-token"), error.hint());
}

BOOST_AUTO_TEST_CASE(code_that_is_not_6_digits_is_refused_without_being_quoted) {
  for (const std::string code : {"12345", "1234567", "12345a", "", "12 456", "١٢٣٤٥٦"}) {
    BOOST_TEST_CONTEXT("'" << code << "'") {
      Sources sources;
      sources.mfa.token_flag = code;
      const auto error = error_of([&] { (void)sources.code(std::nullopt); });
      BOOST_TEST((error.kind() == rh::util::ErrorKind::auth));
      BOOST_TEST(contains(error.what(), "6 digits"), error.what());
      if (code.size() >= 4) {
        BOOST_TEST(!contains(std::string(error.what()) + error.hint(), code), error.what());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(code_from_the_process_or_the_prompt_is_checked_too) {
  {
    Sources sources;
    sources.runner.on_program("/opt/otp", rh::test::prints("not a code\n"));
    const auto error = error_of([&] { (void)sources.code(k_mfa_process); });
    BOOST_TEST((error.kind() == rh::util::ErrorKind::auth));
    BOOST_TEST(contains(error.what(), "rolehelper_mfa_process"), error.what());
  }
  {
    Sources sources;
    sources.prompt.answers = {"9999"};
    const auto error = error_of([&] { (void)sources.code(std::nullopt); });
    BOOST_TEST((error.kind() == rh::util::ErrorKind::auth));
  }
}

BOOST_AUTO_TEST_CASE(surrounding_whitespace_is_trimmed) {
  Sources sources;
  sources.mfa.token_flag = " 123456 ";
  BOOST_TEST(sources.code(std::nullopt) == "123456");
  sources.mfa.token_flag.reset();
  sources.prompt.answers = {"  654321\r\n"};
  BOOST_TEST(sources.code(std::nullopt) == "654321");
}

BOOST_AUTO_TEST_CASE(failing_mfa_process_is_an_auth_error) {
  Sources sources;
  sources.runner.on_program("/opt/otp", rh::test::fails(3, "locked"));
  const auto error = error_of([&] { (void)sources.code(k_mfa_process); });
  BOOST_TEST((error.kind() == rh::util::ErrorKind::auth));
  BOOST_TEST(contains(error.what(), "/opt/otp"), error.what());
  BOOST_TEST(sources.prompt.questions.empty());
}

BOOST_AUTO_TEST_CASE(badly_quoted_mfa_process_is_a_config_error) {
  Sources sources;
  const auto error = error_of([&] { (void)sources.code(std::string("/opt/otp 'unclosed")); });
  BOOST_TEST((error.kind() == rh::util::ErrorKind::config));
  BOOST_TEST(contains(error.what(), "'dev'"), error.what());
  BOOST_TEST(sources.runner.calls.empty());
}

BOOST_AUTO_TEST_CASE(assume_role_sends_the_serial_and_the_flags_code) {
  rh::test::ProviderWorld world(
      "[profile dev]\nrolehelper_role_arn = " + std::string(k_role_arn) +
          "\nrolehelper_source_profile = keys\nrolehelper_mfa_serial = " + std::string(k_serial) +
          "\n",
      "[keys]\naws_access_key_id = AKIAQXAMPLESOURCE01\n"
      "aws_secret_access_key = rhTestSecret/SourceKeys+0123456789abcdef\n");
  world.mfa.token_flag = "424242";
  world.mfa.prompt = &world.prompt;
  (void)world.retrieve("dev");
  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
  auto params = world.params(0);
  BOOST_TEST(params["SerialNumber"] == k_serial);
  BOOST_TEST(params["TokenCode"] == "424242");
  BOOST_TEST(world.prompt.questions.empty());
  BOOST_TEST(world.runner.calls.empty());
}

BOOST_AUTO_TEST_CASE(assume_role_with_standard_mfa_serial_asks_the_mfa_process) {
  rh::test::ProviderWorld world(
      "[profile dev]\nrole_arn = " + std::string(k_role_arn) +
          "\nsource_profile = keys\nmfa_serial = " + std::string(k_serial) +
          "\nrolehelper_mfa_process = /opt/otp\n",
      "[keys]\naws_access_key_id = AKIAQXAMPLESOURCE01\n"
      "aws_secret_access_key = rhTestSecret/SourceKeys+0123456789abcdef\n");
  world.runner.on_program("/opt/otp", rh::test::prints("515151\n"));
  (void)world.retrieve("dev");
  BOOST_REQUIRE_EQUAL(world.http.requests.size(), 1U);
  auto params = world.params(0);
  BOOST_TEST(params["SerialNumber"] == k_serial);
  BOOST_TEST(params["TokenCode"] == "515151");
  BOOST_TEST(world.runner.calls.size() == 1U);
}

BOOST_AUTO_TEST_CASE(assume_role_without_a_code_source_sends_nothing) {
  rh::test::ProviderWorld world(
      "[profile dev]\nrolehelper_role_arn = " + std::string(k_role_arn) +
          "\nrolehelper_source_profile = keys\nrolehelper_mfa_serial = " + std::string(k_serial) +
          "\n",
      "[keys]\naws_access_key_id = AKIAQXAMPLESOURCE01\n"
      "aws_secret_access_key = rhTestSecret/SourceKeys+0123456789abcdef\n");
  const auto error = error_of([&] { (void)world.retrieve("dev"); });
  BOOST_TEST((error.kind() == rh::util::ErrorKind::auth));
  BOOST_TEST(contains(error.hint(), "--mfa-token"), error.hint());
  BOOST_TEST(world.http.requests.empty());
}

BOOST_AUTO_TEST_SUITE_END()  // mfa
BOOST_AUTO_TEST_SUITE_END()  // credentials
