// SPDX-License-Identifier: MIT
#include <rolehelper/cache/route.hpp>
#include <rolehelper/crypto/digest.hpp>
#include <rolehelper/util/encoding.hpp>

#include <algorithm>
#include <array>
#include <string_view>

#include "field_encoding.hpp"

namespace rolehelper::cache {

namespace {

constexpr auto k_settle_time = std::chrono::seconds(2);

// Secrets change nothing a route leads to (a role's key holds the access key id), and have no
// place even hashed in the cache; per-run noise would only make new routes.
constexpr std::array<std::string_view, 4> k_left_out = {"ROLEHELPER_CACHE_KEY", "ROLEHELPER_LOG",
                                                        "AWS_CREDENTIAL_EXPIRATION", "AWS_PAGER"};

bool looks_secret(std::string_view name) {
  const auto has = [&](std::string_view part) { return name.find(part) != std::string_view::npos; };
  return has("SECRET") || has("PASSWORD") || (has("TOKEN") && !name.ends_with("_FILE"));
}

bool shapes_resolution(std::string_view name) {
  return (name.starts_with("AWS_") || name.starts_with("ROLEHELPER_")) && !looks_secret(name) &&
         std::find(k_left_out.begin(), k_left_out.end(), name) == k_left_out.end();
}

using detail::append_field;

std::string stamp_text(const std::optional<os::FileStamp>& stamp) {
  return stamp ? std::to_string(stamp->device) + "," + std::to_string(stamp->inode) + "," +
                     std::to_string(stamp->size) + "," + std::to_string(stamp->modified_ns) + "," +
                     std::to_string(stamp->changed_ns)
               : std::string("absent");
}

std::int64_t nanoseconds_since_epoch(util::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

}  // namespace

Route make_route(std::string_view profile, const std::optional<std::string>& region,
                 const std::vector<std::filesystem::path>& files, const os::Environment& env,
                 util::TimePoint now) {
  Route route;
  route.stamped_at = now;
  std::string slot = "rolehelper-route-slot-v1\n";
  std::string encoded = "rolehelper-route-v1\n";
  for (auto* text : {&slot, &encoded}) {
    append_field(*text, "profile", profile);
    append_field(*text, "region", region ? "=" + *region : std::string("none"));
  }
  for (const auto& path : files) {
    auto stamp = os::file_stamp(path);
    append_field(slot, "file", path.string());
    append_field(encoded, "file", path.string());
    append_field(encoded, "stamp", stamp_text(stamp));
    route.files.push_back({path, stamp});
  }
  for (const auto& [name, value] : env.variables()) {  // a sorted map: a stable order
    if (shapes_resolution(name)) {
      append_field(encoded, name, value);
    }
  }
  route.slot = util::to_hex(crypto::sha256(slot));
  route.id = util::to_hex(crypto::sha256(encoded));
  return route;
}

bool may_be_stored(const Route& route) {
  const auto settled_before =
      nanoseconds_since_epoch(route.stamped_at) - std::chrono::nanoseconds(k_settle_time).count();
  return std::all_of(route.files.begin(), route.files.end(), [&](const StampedFile& file) {
    const auto now = os::file_stamp(file.path);
    if (stamp_text(now) != stamp_text(file.stamp)) {
      return false;
    }
    return !file.stamp ||
           (file.stamp->modified_ns < settled_before && file.stamp->changed_ns < settled_before);
  });
}

}  // namespace rolehelper::cache
