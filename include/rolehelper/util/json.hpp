// SPDX-License-Identifier: MIT
// JsonValue: a small JSON tree with ordered objects (so output keys come in the order written,
// e.g. "Version" first). to_json() writes compact one-line JSON (control characters escaped,
// other bytes as they are); parse_json() throws
// Error(parse) on malformed input. The JSON library itself stays inside json.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace rolehelper::util {

class JsonValue {
 public:
  using Array = std::vector<JsonValue>;
  using Object = std::vector<std::pair<std::string, JsonValue>>;

  JsonValue() = default;  // null
  JsonValue(std::nullptr_t) {}
  JsonValue(bool value) : m_value(value) {}
  JsonValue(std::int64_t value) : m_value(value) {}
  JsonValue(int value) : m_value(static_cast<std::int64_t>(value)) {}
  JsonValue(double value) : m_value(value) {}
  JsonValue(std::string value) : m_value(std::move(value)) {}
  JsonValue(std::string_view value) : m_value(std::string(value)) {}
  JsonValue(const char* value) : m_value(std::string(value)) {}
  JsonValue(Array value) : m_value(std::move(value)) {}
  JsonValue(Object value) : m_value(std::move(value)) {}

  [[nodiscard]] bool is_null() const noexcept {
    return std::holds_alternative<std::nullptr_t>(m_value);
  }
  [[nodiscard]] const std::string* as_string() const noexcept {
    return std::get_if<std::string>(&m_value);
  }
  [[nodiscard]] const std::int64_t* as_integer() const noexcept {
    return std::get_if<std::int64_t>(&m_value);
  }
  [[nodiscard]] const double* as_double() const noexcept { return std::get_if<double>(&m_value); }
  [[nodiscard]] const bool* as_bool() const noexcept { return std::get_if<bool>(&m_value); }
  [[nodiscard]] const Array* as_array() const noexcept { return std::get_if<Array>(&m_value); }
  [[nodiscard]] const Object* as_object() const noexcept { return std::get_if<Object>(&m_value); }
  [[nodiscard]] Object* as_object() noexcept { return std::get_if<Object>(&m_value); }

  // Member of an object by name (the last one if repeated); nullptr if absent or not an object.
  [[nodiscard]] const JsonValue* find(std::string_view key) const noexcept;

  // Appends a member; the value must be an object.
  JsonValue& set(std::string key, JsonValue value);

  using Variant =
      std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object>;
  [[nodiscard]] const Variant& variant() const noexcept { return m_value; }

 private:
  Variant m_value;
};

[[nodiscard]] std::string to_json(const JsonValue& value);
// Indented by two spaces a level, ending in a newline: for documents people read and paste.
[[nodiscard]] std::string to_json_pretty(const JsonValue& value);
[[nodiscard]] JsonValue parse_json(std::string_view text);

}  // namespace rolehelper::util
