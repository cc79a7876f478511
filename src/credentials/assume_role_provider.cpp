// SPDX-License-Identifier: MIT
#include <rolehelper/credentials/assume_role_provider.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/strings.hpp>

namespace rolehelper::credentials {
using util::Error;
using util::ErrorKind;

std::string AssumeRoleProvider::describe() const {
  return "role " + m_request.role_arn + " assumed with " + m_source->describe();
}

aws::Credentials AssumeRoleProvider::retrieve() {
  const aws::Credentials caller = m_source->retrieve();
  net::AssumeRoleRequest request = m_request;
  if (request.serial_number) {
    request.token_code = mfa_code(m_profile, *request.serial_number, m_mfa_process, m_mfa);
  }
  return m_sts->assume_role(caller, request).credentials;
}

aws::Credentials WebIdentityProvider::retrieve() {
  auto token = os::read_file(m_token_file);
  if (!token || util::trim_ascii(*token).empty()) {
    throw Error(
        ErrorKind::io,
        "the web identity token file " + m_token_file + (token ? " is empty" : " does not exist"),
        "check web_identity_token_file (or AWS_WEB_IDENTITY_TOKEN_FILE)");
  }
  net::WebIdentityRequest request{
      m_role_arn, m_session_name, util::Secret(std::string(util::trim_ascii(*token))), {}, {}, {}};
  util::wipe(*token);
  return m_sts->assume_role_with_web_identity(request).credentials;
}

}  // namespace rolehelper::credentials
