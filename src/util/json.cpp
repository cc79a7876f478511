// SPDX-License-Identifier: MIT
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/json.hpp>

#include <nlohmann/json.hpp>

namespace rolehelper::util {
namespace {

// ordered_json keeps members in insertion order, which JsonValue::Object promises.
using Json = nlohmann::ordered_json;

Json to_library(const JsonValue& value) {
  return std::visit(
      [](const auto& v) -> Json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, JsonValue::Array>) {
          Json array = Json::array();
          for (const auto& item : v) {
            array.push_back(to_library(item));
          }
          return array;
        } else if constexpr (std::is_same_v<T, JsonValue::Object>) {
          Json object = Json::object();
          for (const auto& [key, item] : v) {
            object[key] = to_library(item);
          }
          return object;
        } else {
          return Json(v);
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
  // Invalid UTF-8 is replaced rather than thrown on: output must never fail half-way.
  return to_library(value).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string to_pretty_json(const JsonValue& value) {
  return to_library(value).dump(2, ' ', false, Json::error_handler_t::replace);
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
