// SPDX-License-Identifier: MIT
#include <rolehelper/util/encoding.hpp>

#include <array>

namespace rolehelper::util {
namespace {

constexpr std::string_view k_hex_lower = "0123456789abcdef";
constexpr std::string_view k_hex_upper = "0123456789ABCDEF";
constexpr std::string_view k_base64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool unreserved(unsigned char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace

std::string to_hex(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const auto byte : bytes) {
    out += k_hex_lower[byte >> 4];
    out += k_hex_lower[byte & 0x0f];
  }
  return out;
}

std::string to_hex(std::string_view bytes) {
  return to_hex(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  const auto at = [&](std::size_t k) {
    return static_cast<unsigned>(static_cast<unsigned char>(bytes[k]));
  };
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (at(i) << 16U) | (at(i + 1) << 8U) | at(i + 2);
    out += k_base64[(n >> 18U) & 63U];
    out += k_base64[(n >> 12U) & 63U];
    out += k_base64[(n >> 6U) & 63U];
    out += k_base64[n & 63U];
  }
  if (i + 1 == bytes.size()) {
    const unsigned n = at(i) << 16U;
    out += k_base64[(n >> 18U) & 63U];
    out += k_base64[(n >> 12U) & 63U];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned n = (at(i) << 16U) | (at(i + 1) << 8U);
    out += k_base64[(n >> 18U) & 63U];
    out += k_base64[(n >> 12U) & 63U];
    out += k_base64[(n >> 6U) & 63U];
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return std::nullopt;
  }
  std::array<int, 256> value{};
  value.fill(-1);
  for (std::size_t k = 0; k < k_base64.size(); ++k) {
    value[static_cast<unsigned char>(k_base64[k])] = static_cast<int>(k);
  }
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    unsigned n = 0;
    int padding = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      if (c == '=' && i + 4 == text.size() && k >= 2) {
        ++padding;
        n <<= 6U;
        continue;
      }
      const int v = value[static_cast<unsigned char>(c)];
      if (v < 0 || padding > 0) {
        return std::nullopt;
      }
      n = (n << 6U) | static_cast<unsigned>(v);
    }
    out += static_cast<char>((n >> 16U) & 0xffU);
    if (padding < 2) {
      out += static_cast<char>((n >> 8U) & 0xffU);
    }
    if (padding < 1) {
      out += static_cast<char>(n & 0xffU);
    }
  }
  if (base64_encode(out) != text) {
    return std::nullopt;  // non-zero bits in the padding
  }
  return out;
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (unreserved(c) || (keep_slash && c == '/')) {
      out += ch;
    } else {
      out += '%';
      out += k_hex_upper[c >> 4];
      out += k_hex_upper[c & 0x0f];
    }
  }
  return out;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace rolehelper::util
