// SPDX-License-Identifier: MIT
// How get prints credentials: credential_process Version 1 JSON on one line, or assignments
// for sh/bash/zsh (env), fish, PowerShell and cmd. Expiration is RFC 3339 UTC with a Z.
#pragma once

#include <rolehelper/aws/credentials.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace rolehelper::app {

enum class OutputFormat { process, env, fish, powershell, cmd };

[[nodiscard]] std::optional<OutputFormat> parse_output_format(std::string_view name);
[[nodiscard]] std::string render_credentials(const aws::Credentials& credentials,
                                             OutputFormat format);

}  // namespace rolehelper::app
