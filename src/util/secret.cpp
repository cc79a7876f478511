// SPDX-License-Identifier: MIT
#include <rolehelper/util/secret.hpp>

#include <string.h>

namespace rolehelper::util {

void wipe(std::string& buffer) noexcept {
  // Wipe the whole capacity: a shorter value may sit in a buffer that once held a longer one.
  buffer.resize(buffer.capacity());
  explicit_bzero(buffer.data(), buffer.size());
  buffer.clear();
}

Secret::Secret(Secret&& other) noexcept : m_value(std::move(other.m_value)) {
  wipe(other.m_value);
}

Secret& Secret::operator=(const Secret& other) {
  if (this != &other) {
    wipe(m_value);
    m_value = other.m_value;
  }
  return *this;
}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    wipe(m_value);
    m_value = std::move(other.m_value);
    wipe(other.m_value);
  }
  return *this;
}

Secret::~Secret() {
  wipe(m_value);
}

bool operator==(const Secret& a, const Secret& b) noexcept {
  // Constant time in the content: compare every byte even after a difference.
  if (a.m_value.size() != b.m_value.size()) {
    return false;
  }
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.m_value.size(); ++i) {
    diff = static_cast<unsigned char>(diff | (a.m_value[i] ^ b.m_value[i]));
  }
  return diff == 0;
}

}  // namespace rolehelper::util
