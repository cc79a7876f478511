// SPDX-License-Identifier: MIT
// Commands tested by their exact output, through run_main as a user would call them.
#include <rolehelper/cli/command_table.hpp>
#include <rolehelper/cli/run_main.hpp>
#include <rolehelper/os/file_io.hpp>

#include <boost/test/unit_test.hpp>

#include "support/fake_context.hpp"

namespace rh = rolehelper;
using rolehelper::test::FakeContext;

namespace {
int run(FakeContext& fake, std::vector<std::string> args) {
  return rh::cli::run_main(args, fake.ctx);
}

const std::vector<std::string> k_add_myrole{
    "add-profile",      "myrole",  "--role-arn", "arn:aws:iam::123456789012:role/Ghijk",
    "--source-profile", "default", "--region",   "us-east-1"};
}  // namespace

BOOST_AUTO_TEST_SUITE(app)
BOOST_AUTO_TEST_SUITE(commands)

BOOST_AUTO_TEST_CASE(add_profile_writes_the_section_of_cli_md) {
  FakeContext fake;
  rh::test::write_file(fake.home / "cfg", "[default]\nregion = eu-west-1\n");
  auto args = k_add_myrole;
  args.insert(args.begin(), {"--config-file", (fake.home / "cfg").string()});
  BOOST_TEST(run(fake, args) == 0);
  BOOST_TEST(rh::test::read_file(fake.home / "cfg") ==
             "[default]\nregion = eu-west-1\n\n"
             "[profile myrole]\n"
             "credential_process = rolehelper get myrole\n"
             "rolehelper_role_arn = arn:aws:iam::123456789012:role/Ghijk\n"
             "rolehelper_source_profile = default\n"
             "region = us-east-1\n");
  BOOST_TEST(fake.out.str() == "");
  BOOST_TEST(fake.err.str() == "rolehelper: added profile 'myrole' in ~/cfg\n");
}

BOOST_AUTO_TEST_CASE(add_profile_validates_everything_before_writing) {
  FakeContext fake;
  auto args = k_add_myrole;
  args.insert(args.end(), {"--duration-seconds", "60"});
  BOOST_TEST(run(fake, args) == 2);
  BOOST_TEST(!std::filesystem::exists(fake.config()));
  BOOST_TEST(fake.err.str().starts_with("rolehelper: --duration-seconds: "));
}

BOOST_AUTO_TEST_CASE(an_existing_profile_needs_force) {
  FakeContext fake;
  BOOST_TEST(run(fake, k_add_myrole) == 0);
  const auto before = rh::test::read_file(fake.config());
  BOOST_TEST(run(fake, k_add_myrole) == 1);
  BOOST_TEST(rh::test::read_file(fake.config()) == before);
  auto forced = k_add_myrole;
  forced[3] = "arn:aws:iam::123456789012:role/Other";
  forced.push_back("--force");
  BOOST_TEST(run(fake, forced) == 0);
  BOOST_TEST(rh::test::read_file(fake.config()).find("role/Other") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(list_prints_one_aligned_line_per_profile) {
  FakeContext fake;
  rh::test::write_file(fake.home / "cfg",
                       "[default]\nregion = eu-west-1\n[profile web]\nrole_arn = "
                       "arn:aws:iam::1:role/w\nsource_profile = default\n");
  rh::test::write_file(
      fake.home / "creds",
      "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3t\n");
  BOOST_TEST(run(fake, {"list", "--config-file", (fake.home / "cfg").string(), "--credentials-file",
                        (fake.home / "creds").string()}) == 0);
  BOOST_TEST(fake.out.str() ==
             "default  static-keys  access key ****************MPLE\n"
             "web      role         arn:aws:iam::1:role/w via profile default\n");
  BOOST_TEST(fake.out.str().find("s3cr3t") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(list_json_is_one_array) {
  FakeContext fake;
  BOOST_TEST(run(fake, k_add_myrole) == 0);
  fake.err.str("");
  BOOST_TEST(run(fake, {"list", "--json"}) == 0);
  BOOST_TEST(
      fake.out.str() ==
      R"([{"name":"myrole","kind":"rolehelper-role","rolehelper_role_arn":"arn:aws:iam::123456789012:role/Ghijk",)"
      R"("rolehelper_source_profile":"default","region":"us-east-1","files":["config"]}])"
      "\n");
}

BOOST_AUTO_TEST_CASE(show_masks_secrets_and_names_origins) {
  FakeContext fake;
  rh::test::write_file(
      fake.home / "creds",
      "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3tvalue\n"
      "aws_session_token = t0ken\n");
  BOOST_TEST(run(fake, {"show", "default", "--credentials-file", (fake.home / "creds").string()}) ==
             0);
  BOOST_TEST(
      fake.out.str() ==
      "name: default\nkind: static-keys\ndetail: access key ****************MPLE\nsettings:\n"
      "  aws_access_key_id = ****************MPLE  (~/creds:2)\n"
      "  aws_secret_access_key = ****************  (~/creds:3)\n"
      "  aws_session_token = ****************      (~/creds:4)\n");
}

BOOST_AUTO_TEST_CASE(set_credentials_reads_both_lines_from_stdin) {
  FakeContext fake("AKIAIOSFODNN7EXAMPLE\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
  BOOST_TEST(run(fake, {"set-credentials", "default"}) == 0);
  BOOST_TEST(rh::test::read_file(fake.credentials()) ==
             "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
             "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
  BOOST_TEST(rh::os::file_status(fake.credentials())->mode == 0600U);
  BOOST_TEST(fake.err.str().find("wJalr") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(set_credentials_asks_on_the_terminal_with_the_secret_hidden) {
  FakeContext fake({}, true);
  fake.prompt.answers = {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"};
  BOOST_TEST(run(fake, {"set-credentials", "src"}) == 0);
  BOOST_TEST(fake.prompt.questions.size() == 2U);
  BOOST_TEST(rh::test::read_file(fake.credentials())
                 .find("[src]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n") == 0U);
}

BOOST_AUTO_TEST_CASE(set_credentials_without_a_terminal_says_how_to_pipe_the_secret) {
  FakeContext fake({}, true);
  fake.prompt.terminal = false;
  BOOST_TEST(run(fake, {"set-credentials", "src", "--access-key-id", "AKIAIOSFODNN7EXAMPLE"}) == 1);
  BOOST_TEST(fake.err.str().find("pipe the secret on stdin") != std::string::npos);
  BOOST_TEST(!std::filesystem::exists(fake.credentials()));
}

BOOST_AUTO_TEST_CASE(remove_profile_restores_the_file) {
  FakeContext fake;
  rh::test::write_file(fake.home / "cfg", "# mine\n[default]\nregion = eu-west-1");
  const std::string cfg = (fake.home / "cfg").string();
  auto args = k_add_myrole;
  args.insert(args.end(), {"--config-file", cfg});
  BOOST_TEST(run(fake, args) == 0);
  BOOST_TEST(run(fake, {"remove-profile", "myrole", "--config-file", cfg}) == 0);
  BOOST_TEST(rh::test::read_file(fake.home / "cfg") == "# mine\n[default]\nregion = eu-west-1");
  BOOST_TEST(run(fake, {"remove-profile", "myrole", "--config-file", cfg}) == 1);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2_and_say_where_to_look) {
  FakeContext fake;
  BOOST_TEST(run(fake, {"frobnicate"}) == 2);
  BOOST_TEST(run(fake, {"list", "--no-such-flag"}) == 2);
  BOOST_TEST(run(fake, {"show"}) == 2);
  BOOST_TEST(run(fake, {"add-profile", "x", "--source-profile", "default"}) == 2);
  BOOST_TEST(run(fake, {}) == 2);
  BOOST_TEST(fake.out.str() == "");
}

BOOST_AUTO_TEST_CASE(words_that_may_be_secrets_are_never_repeated_in_errors) {
  const std::string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  for (const auto& args :
       std::vector<std::vector<std::string>>{{secret},
                                             {"--" + secret, "list"},
                                             {"list", "--verbose=" + secret},
                                             {"list", "--" + secret},
                                             {"show", "x", secret},
                                             {"set-credentials", "me", secret}}) {
    FakeContext fake;
    BOOST_TEST(run(fake, args) == 2);
    BOOST_TEST(fake.err.str().find("wJalr") == std::string::npos, fake.err.str());
  }
}

BOOST_AUTO_TEST_CASE(every_declared_option_appears_in_the_commands_help) {
  for (const auto& spec : rh::cli::command_table()) {
    FakeContext fake;
    BOOST_TEST(run(fake, {std::string(spec.name), "--help"}) == 0);
    for (const auto& option : spec.options) {
      BOOST_TEST(fake.out.str().find("--" + std::string(option.name)) != std::string::npos,
                 spec.name << " --" << option.name);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_command_and_option_is_in_the_man_page) {
  const auto page = rh::test::read_file(ROLEHELPER_MAN_PAGE);
  BOOST_REQUIRE(!page.empty());
  for (const auto& spec : rh::cli::command_table()) {
    BOOST_TEST(page.find(".Cm " + std::string(spec.name)) != std::string::npos, spec.name);
    for (const auto& option : spec.options) {
      BOOST_TEST(page.find("Fl -" + std::string(option.name)) != std::string::npos,
                 spec.name << " --" << option.name);
    }
  }
  for (const auto& option : rh::cli::global_option_specs()) {
    BOOST_TEST(page.find("Fl -" + std::string(option.name)) != std::string::npos, option.name);
  }
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()
