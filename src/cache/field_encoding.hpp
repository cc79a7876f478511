// SPDX-License-Identifier: MIT
// Private to src/cache: the encoding hashed into cache keys and route ids. Every field is
// named and length-prefixed, so "a"+"bc" and "ab"+"c" never encode alike.
#pragma once

#include <string>
#include <string_view>

namespace rolehelper::cache::detail {

inline void append_field(std::string& encoded, std::string_view name, std::string_view value) {
  encoded.append(name).append("=").append(std::to_string(value.size())).append(":");
  encoded.append(value).append("\n");
}

}  // namespace rolehelper::cache::detail
