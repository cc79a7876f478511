// SPDX-License-Identifier: MIT
// get: the credential_process mode. Prints the profile's credentials in the chosen format
// and, on success, nothing at all on stderr (the AWS CRT merges stderr into the JSON).
#pragma once

#include <rolehelper/app/context.hpp>
#include <rolehelper/app/output_formats.hpp>

#include <optional>
#include <string>

namespace rolehelper::app {

enum class Refresh { if_needed, always };

struct GetInput {
  std::string name;
  OutputFormat format = OutputFormat::process;
  Refresh refresh = Refresh::if_needed;
  bool use_cache = true;
  std::optional<std::string> region;
  std::optional<std::string> mfa_token;
};

void run_get(const GetInput& input, Context& ctx);

}  // namespace rolehelper::app
