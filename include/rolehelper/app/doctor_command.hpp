// SPDX-License-Identifier: MIT
// doctor [NAME]: checks what makes `rolehelper get` fail or surprise, one line each on stderr
// ("ok", "warning" or "problem", the latter two with the next step): the config and
// credentials files and their modes, the cache key file and cache folder, that the
// `rolehelper` of credential_process lines is this binary, and for each rolehelper profile
// (or NAME): its resolution chain, role_arn beside credential_process, loops, missing sources;
// with NAME also STS reachable with the clock skew from its Date header, and how long a
// cached get takes. A problem makes it exit 1.
#pragma once

#include <rolehelper/app/context.hpp>

#include <optional>
#include <string>

namespace rolehelper::app {

struct DoctorInput {
  std::optional<std::string> name;
};

void run_doctor(const DoctorInput& input, Context& ctx);

}  // namespace rolehelper::app
