// SPDX-License-Identifier: MIT
// Byte encodings: lower-case hex, base64, and the percent-encoding of SigV4 (RFC 3986
// unreserved characters kept, everything else %XX with upper-case hex, space as %20).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rolehelper::util {

[[nodiscard]] std::string to_hex(std::span<const std::uint8_t> bytes);
[[nodiscard]] std::string to_hex(std::string_view bytes);

[[nodiscard]] std::string base64_encode(std::string_view bytes);
// std::nullopt when the text is not canonical base64.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html: every byte
// but A-Z a-z 0-9 - _ . ~ becomes %XX; with keep_slash, '/' stays (URI paths).
[[nodiscard]] std::string uri_encode(std::string_view text, bool keep_slash = false);
// Decodes %XX sequences; others are kept as they are.
[[nodiscard]] std::string percent_decode(std::string_view text);

}  // namespace rolehelper::util
