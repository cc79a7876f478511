// SPDX-License-Identifier: MIT
#include <rolehelper/cache/route.hpp>
#include <rolehelper/crypto/digest.hpp>
#include <rolehelper/util/encoding.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace rolehelper::cache {

namespace {

constexpr auto k_settle_time = std::chrono::seconds(2);

// Secrets change nothing a route leads to (a role's key holds the access key id), and a
// hash of them has no place in a file name.
constexpr std::array<std::string_view, 6> k_left_out = {
    "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "ROLEHELPER_CACHE_KEY",  "ROLEHELPER_LOG"};

bool shapes_resolution(std::string_view name) {
  return (name.starts_with("AWS_") || name.starts_with("ROLEHELPER_")) &&
         std::find(k_left_out.begin(), k_left_out.end(), name) == k_left_out.end();
}

}  // namespace

Route make_route(std::string_view profile, const std::optional<std::string>& region,
                 const std::vector<std::filesystem::path>& files, const os::Environment& env) {
  Route route;
  // Versioned and length-prefixed, as cache keys are (cache_key.cpp).
  std::string encoded = "rolehelper-route-v1\n";
  const auto add = [&](std::string_view name, std::string_view value) {
    encoded.append(name).append("=").append(std::to_string(value.size())).append(":");
    encoded.append(value).append("\n");
  };
  add("profile", profile);
  add("region", region ? "=" + *region : std::string("none"));
  for (const auto& path : files) {
    auto stamp = os::file_stamp(path);
    add("file", path.string());
    add("stamp", stamp
                     ? std::to_string(stamp->device) + "," + std::to_string(stamp->inode) + "," +
                           std::to_string(stamp->size) + "," + std::to_string(stamp->modified_ns) +
                           "," + std::to_string(stamp->changed_ns)
                     : std::string("absent"));
    route.files.push_back({path, stamp});
  }
  for (const auto& [name, value] : env.variables()) {  // a sorted map: a stable order
    if (shapes_resolution(name)) {
      add(name, value);
    }
  }
  route.id = util::to_hex(crypto::sha256(encoded));
  return route;
}

bool is_settled(const Route& route, util::TimePoint now) {
  const auto since_epoch =
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  const auto settled_before = since_epoch - std::chrono::nanoseconds(k_settle_time).count();
  return std::all_of(route.files.begin(), route.files.end(), [&](const StampedFile& file) {
    return !file.stamp ||
           (file.stamp->modified_ns < settled_before && file.stamp->changed_ns < settled_before);
  });
}

}  // namespace rolehelper::cache
