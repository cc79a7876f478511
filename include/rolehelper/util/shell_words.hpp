// SPDX-License-Identifier: MIT
// split_shell_words: Python's shlex.split in POSIX mode, which botocore uses on section
// headers ("[profile 'my prof']") and on credential_process lines. Quotes and backslashes
// follow POSIX rules; an unclosed quote or a trailing backslash is std::nullopt, as
// shlex raises ValueError there.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolehelper::util {

[[nodiscard]] std::optional<std::vector<std::string>> split_shell_words(std::string_view text);

// Quotes one word so that split_shell_words gives it back unchanged (shlex.quote).
[[nodiscard]] std::string quote_shell_word(std::string_view word);

}  // namespace rolehelper::util
