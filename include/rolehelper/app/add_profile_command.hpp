// SPDX-License-Identifier: MIT
// add-profile: writes a [profile NAME] whose credential_process runs `rolehelper get NAME`,
// with the role's settings in rolehelper_* keys (a standard role_arn would make the AWS CLI
// assume the role itself and skip credential_process). Every value is validated before the
// file is touched; an existing profile is an error unless `force`, which updates in place.
#pragma once

#include <rolehelper/app/context.hpp>

#include <optional>
#include <string>

namespace rolehelper::app {

struct AddProfileInput {
  std::string name;
  std::string role_arn;
  std::optional<std::string> source_profile;
  std::optional<std::string> credential_source;
  std::optional<std::string> external_id;
  std::optional<std::string> mfa_serial;
  std::optional<std::string> duration_seconds;
  std::optional<std::string> role_session_name;
  std::optional<std::string> region;
  bool force = false;
};

void run_add_profile(const AddProfileInput& input, Context& ctx);

}  // namespace rolehelper::app
