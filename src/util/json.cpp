// SPDX-License-Identifier: MIT
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/json.hpp>

#include <nlohmann/json.hpp>

#include <charconv>

namespace rolehelper::util {
namespace {

// ordered_json keeps members in insertion order, which JsonValue::Object promises.
using Json = nlohmann::ordered_json;

// Our own writer: nlohmann's ordered_json inserts in O(n) per member, which made large
// objects quadratic, and output needs nothing from the library.
void write_string(std::string& out, std::string_view text) {
  static constexpr char k_hex[] = "0123456789abcdef";
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out += k_hex[c >> 4];
          out += k_hex[c & 0x0f];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

// indent < 0: compact; else members and items on lines of their own, `indent` spaces a level.
void write(std::string& out, const JsonValue& value, int indent, int depth) {
  const auto newline = [&](int level) {
    if (indent >= 0) {
      out += '\n';
      out.append(static_cast<std::size_t>(indent * level), ' ');
    }
  };
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          out += "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          out += std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          char buffer[32];
          const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
          out.append(buffer, ec == std::errc{} ? end : buffer);
        } else if constexpr (std::is_same_v<T, std::string>) {
          write_string(out, v);
        } else if constexpr (std::is_same_v<T, JsonValue::Array>) {
          out += '[';
          for (std::size_t i = 0; i < v.size(); ++i) {
            out += i == 0 ? "" : ",";
            newline(depth + 1);
            write(out, v[i], indent, depth + 1);
          }
          if (!v.empty()) {
            newline(depth);
          }
          out += ']';
        } else {
          out += '{';
          for (std::size_t i = 0; i < v.size(); ++i) {
            out += i == 0 ? "" : ",";
            newline(depth + 1);
            write_string(out, v[i].first);
            out += indent >= 0 ? ": " : ":";
            write(out, v[i].second, indent, depth + 1);
          }
          if (!v.empty()) {
            newline(depth);
          }
          out += '}';
        }
      },
      value.variant());
}

JsonValue from_library(const Json& json) {
  switch (json.type()) {
    case Json::value_t::null:
      return {};
    case Json::value_t::boolean:
      return JsonValue(json.get<bool>());
    case Json::value_t::number_integer:
      return JsonValue(json.get<std::int64_t>());
    case Json::value_t::number_unsigned: {
      const auto n = json.get<std::uint64_t>();
      if (n > static_cast<std::uint64_t>(INT64_MAX)) {
        return JsonValue(static_cast<double>(n));
      }
      return JsonValue(static_cast<std::int64_t>(n));
    }
    case Json::value_t::number_float:
      return JsonValue(json.get<double>());
    case Json::value_t::string:
      return JsonValue(json.get<std::string>());
    case Json::value_t::array: {
      JsonValue::Array array;
      for (const auto& item : json) {
        array.push_back(from_library(item));
      }
      return JsonValue(std::move(array));
    }
    case Json::value_t::object: {
      JsonValue::Object object;
      for (const auto& [key, item] : json.items()) {
        object.emplace_back(key, from_library(item));
      }
      return JsonValue(std::move(object));
    }
    default:
      return {};
  }
}

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const noexcept {
  const auto* object = as_object();
  if (object == nullptr) {
    return nullptr;
  }
  const JsonValue* found = nullptr;
  for (const auto& [name, value] : *object) {
    if (name == key) {
      found = &value;
    }
  }
  return found;
}

JsonValue& JsonValue::set(std::string key, JsonValue value) {
  auto* object = as_object();
  if (object == nullptr) {
    throw Error(ErrorKind::internal, "JsonValue::set on a value that is not an object");
  }
  object->emplace_back(std::move(key), std::move(value));
  return *this;
}

std::string to_json(const JsonValue& value) {
  std::string out;
  write(out, value, -1, 0);
  return out;
}

std::string to_json_pretty(const JsonValue& value) {
  std::string out;
  write(out, value, 2, 0);
  return out + "\n";
}

JsonValue parse_json(std::string_view text) {
  try {
    return from_library(Json::parse(text.begin(), text.end()));
  } catch (const Json::parse_error& e) {
    // Not e.what(): the library quotes the bytes it last read, which may be a secret.
    throw Error(ErrorKind::parse, "invalid JSON at byte " + std::to_string(e.byte));
  } catch (const Json::exception&) {
    throw Error(ErrorKind::parse, "invalid JSON");
  }
}

}  // namespace rolehelper::util
