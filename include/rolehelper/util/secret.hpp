// SPDX-License-Identifier: MIT
// Secret: a string holding a secret key, session token or MFA code. It has no stream operator,
// so it cannot end up in a message by accident, and it wipes its buffer when destroyed.
#pragma once

#include <string>
#include <string_view>

namespace rolehelper::util {

// Overwrites the bytes of a buffer in a way the optimiser may not remove.
void wipe(std::string& buffer) noexcept;

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) noexcept : m_value(std::move(value)) {}
  Secret(const Secret& other) = default;
  Secret(Secret&& other) noexcept;
  Secret& operator=(const Secret& other);
  Secret& operator=(Secret&& other) noexcept;
  ~Secret();

  // The only way to the bytes; every call site is a place where the secret is used on purpose.
  [[nodiscard]] std::string_view expose() const noexcept { return m_value; }
  [[nodiscard]] bool empty() const noexcept { return m_value.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return m_value.size(); }

  friend bool operator==(const Secret& a, const Secret& b) noexcept;

 private:
  std::string m_value;
};

}  // namespace rolehelper::util
