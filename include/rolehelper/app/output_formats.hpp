// SPDX-License-Identifier: MIT
// How get prints credentials: credential_process Version 1 JSON on one line, or assignments
// for sh/bash/zsh (env), fish, PowerShell and cmd. Expiration is RFC 3339 UTC with a Z.
#pragma once

#include <rolehelper/aws/credentials.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolehelper::app {

enum class OutputFormat { process, env, fish, powershell, cmd };

[[nodiscard]] std::optional<OutputFormat> parse_output_format(std::string_view name);

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, and AWS_SESSION_TOKEN and
// AWS_CREDENTIAL_EXPIRATION when there is a session: what the shell formats and exec set.
[[nodiscard]] std::vector<std::pair<std::string_view, std::string>> credential_variables(
    const aws::Credentials& credentials);
[[nodiscard]] std::string render_credentials(const aws::Credentials& credentials,
                                             OutputFormat format);

}  // namespace rolehelper::app
