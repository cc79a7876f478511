// SPDX-License-Identifier: MIT
// A route remembers which cache entry a `get` resolved to, under an id made of everything
// that resolution read: the profile, the --region flag, the config and credentials files'
// stamps and the AWS_* and ROLEHELPER_* environment (secrets left out). A later `get` with the
// same id follows the route to its entry without reading or parsing the config files, so a
// cache hit with a 10,000-profile config costs what it does with a one-profile config. Any
// edit of either file changes its stamp, hence the id, and the next `get` resolves the
// profile again. A route is kept in a slot named after the profile, the region flag and the
// file paths only, holding the id: a changed id overwrites its slot rather than adding files.
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
  std::string slot;  // 64 hex characters: the route file's name
  std::string id;    // 64 hex characters: must match for the route to be followed
  std::vector<StampedFile> files;
  util::TimePoint stamped_at;
};

// Stamps the files now: take the route before reading the files.
[[nodiscard]] Route make_route(std::string_view profile, const std::optional<std::string>& region,
                               const std::vector<std::filesystem::path>& files,
                               const os::Environment& env, util::TimePoint now);

// Whether the route may be stored once the files have been read: every file still has the
// stamp it had before (none was replaced or edited meanwhile, e.g. a symlink switched to
// another config), and had been still for a while when stamped, since file times are coarse
// and an edit within the same tick would not change the stamp.
[[nodiscard]] bool may_be_stored(const Route& route);

}  // namespace rolehelper::cache
