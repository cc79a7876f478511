// SPDX-License-Identifier: MIT
// A route remembers which cache entry a `get` resolved to, under an id made of everything
// that resolution read: the profile, the --region flag, the config and credentials files'
// stamps and the AWS_* and ROLEHELPER_* environment. A later `get` with the same id follows
// the route to its entry without reading or parsing the config files, so a cache hit with
// a 10,000-profile config costs what it does with a one-profile config. Any edit of either
// file changes its stamp, hence the id, and the next `get` resolves the profile again.
#pragma once

#include <rolehelper/os/environment.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/util/time.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rolehelper::cache {

struct StampedFile {
  std::filesystem::path path;
  std::optional<os::FileStamp> stamp;  // none: the file does not exist
};

struct Route {
  std::string id;  // 64 hex characters
  std::vector<StampedFile> files;
};

// Stamps the files now: take the route before reading the files, so that an edit made
// while they are read changes the stamps and cannot pair old stamps with new content.
[[nodiscard]] Route make_route(std::string_view profile, const std::optional<std::string>& region,
                               const std::vector<std::filesystem::path>& files,
                               const os::Environment& env);

// A file changed within a moment of `now` may change again without its stamp changing
// (file times are coarse), so a route is stored only once its files have been still
// for a while.
[[nodiscard]] bool is_settled(const Route& route, util::TimePoint now);

}  // namespace rolehelper::cache
