// SPDX-License-Identifier: MIT
// show: one profile's settings as botocore merges them, each with the file and line it comes
// from; secrets are masked and access key ids redacted. Text, or JSON with --json.
#pragma once

#include <rolehelper/app/context.hpp>

#include <string>

namespace rolehelper::app {

struct ShowInput {
  std::string name;
  bool json = false;
};

void run_show(const ShowInput& input, Context& ctx);

}  // namespace rolehelper::app
