// SPDX-License-Identifier: MIT
// list: every profile of the config and credentials files, one per line (name, kind,
// detail), or a JSON array with --json. Never shows a secret.
#pragma once

#include <rolehelper/app/context.hpp>

namespace rolehelper::app {

struct ListInput {
  bool json = false;
};

void run_list(const ListInput& input, Context& ctx);

}  // namespace rolehelper::app
