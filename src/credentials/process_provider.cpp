// SPDX-License-Identifier: MIT
#include <rolehelper/credentials/credential_documents.hpp>
#include <rolehelper/credentials/process_provider.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/shell_words.hpp>
#include <rolehelper/util/strings.hpp>

namespace rolehelper::credentials {
using util::Error;
using util::ErrorKind;

std::string ProcessProvider::describe() const {
  return "the credential_process of profile '" + m_profile + "'";
}

aws::Credentials ProcessProvider::retrieve() {
  const auto words = util::split_shell_words(m_command);
  if (!words || words->empty()) {
    throw Error(ErrorKind::config,
                "profile '" + m_profile + "': credential_process is empty or has an unclosed quote",
                "fix the credential_process line");
  }
  const std::string program = (*words)[0];
  auto result = m_runner.run(*words, *m_env, std::chrono::minutes(1));
  if (result.timed_out) {
    throw Error(ErrorKind::io,
                "profile '" + m_profile + "': credential_process '" + program +
                    "' did not finish within 60 s",
                "run it by hand to see why it hangs");
  }
  if (result.exit_code != 0) {
    const auto first_line =
        util::trim_ascii(std::string_view(result.err).substr(0, result.err.find('\n')));
    throw Error(ErrorKind::io,
                "profile '" + m_profile + "': credential_process '" + program +
                    "' failed with exit status " + std::to_string(result.exit_code) +
                    (first_line.empty() ? "" : ": " + std::string(first_line.substr(0, 300))),
                "run it by hand to see why");
  }
  auto credentials = parse_process_output(result.out, "credential_process '" + program + "'");
  util::wipe(result.out);
  return credentials;
}

}  // namespace rolehelper::credentials
