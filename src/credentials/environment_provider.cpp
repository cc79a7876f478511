// SPDX-License-Identifier: MIT
#include <rolehelper/credentials/environment_provider.hpp>
#include <rolehelper/util/error.hpp>

namespace rolehelper::credentials {

aws::Credentials EnvironmentProvider::retrieve() {
  auto id = m_env.get_nonempty("AWS_ACCESS_KEY_ID");
  auto secret = m_env.get_nonempty("AWS_SECRET_ACCESS_KEY");
  if (!id || !secret) {
    throw util::Error(util::ErrorKind::config,
                      "credential_source Environment needs AWS_ACCESS_KEY_ID and "
                      "AWS_SECRET_ACCESS_KEY, which are not set",
                      "export both variables before running rolehelper");
  }
  aws::Credentials credentials{
      *id, util::Secret(std::move(*secret)), {}, {}, m_env.get_nonempty("AWS_ACCOUNT_ID")};
  auto token = m_env.get_nonempty("AWS_SESSION_TOKEN");
  if (!token) {
    token = m_env.get_nonempty("AWS_SECURITY_TOKEN");
  }
  if (token) {
    credentials.session_token = util::Secret(std::move(*token));
  }
  if (auto expiration = m_env.get_nonempty("AWS_CREDENTIAL_EXPIRATION")) {
    credentials.expiration = util::parse_iso8601(*expiration);
  }
  return credentials;
}

}  // namespace rolehelper::credentials
