// SPDX-License-Identifier: MIT
#include <rolehelper/os/paths.hpp>
#include <rolehelper/util/error.hpp>

#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace rolehelper::os {
namespace fs = std::filesystem;
using util::Error;
using util::ErrorKind;

namespace {

bool is_name_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Python's posixpath.expandvars: $NAME and ${NAME}; unknown variables stay as written.
std::string expand_vars(std::string_view path, const Environment& env) {
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] != '$') {
      out += path[i++];
      continue;
    }
    std::size_t name_start = i + 1;
    std::size_t name_end = name_start;
    bool braced = false;
    if (name_start < path.size() && path[name_start] == '{') {
      braced = true;
      ++name_start;
      name_end = path.find('}', name_start);
      if (name_end == std::string_view::npos) {
        out.append(path.substr(i));
        break;
      }
    } else {
      while (name_end < path.size() && is_name_char(path[name_end])) {
        ++name_end;
      }
    }
    const auto name = path.substr(name_start, name_end - name_start);
    const auto after = braced ? name_end + 1 : name_end;
    const auto value = name.empty() ? std::nullopt : env.get(name);
    if (value) {
      out += *value;
    } else {
      out.append(path.substr(i, after - i));
    }
    i = after;
  }
  return out;
}

}  // namespace

std::string home_directory(const Environment& env) {
  if (auto home = env.get("HOME")) {
    return *home;
  }
  if (const passwd* entry = getpwuid(getuid()); entry != nullptr && entry->pw_dir != nullptr) {
    return entry->pw_dir;
  }
  throw Error(ErrorKind::config, "cannot find your home folder: HOME is not set",
              "set HOME, or pass --config-file and --credentials-file");
}

std::string expand_path(std::string_view path, const Environment& env) {
  std::string expanded = expand_vars(path, env);
  if (expanded == "~" || expanded.starts_with("~/")) {
    std::string home = home_directory(env);
    while (home.size() > 1 && home.back() == '/') {
      home.pop_back();
    }
    expanded.replace(0, 1, home);
  }
  return expanded;
}

AwsFilePaths aws_file_paths(const Environment& env, const std::optional<std::string>& config_flag,
                            const std::optional<std::string>& credentials_flag) {
  const auto pick = [&](const std::optional<std::string>& flag, std::string_view variable,
                        std::string_view fallback) -> fs::path {
    if (flag && !flag->empty()) {
      return expand_path(*flag, env);
    }
    if (auto value = env.get_nonempty(variable)) {
      return expand_path(*value, env);
    }
    return expand_path(fallback, env);
  };
  return AwsFilePaths{pick(config_flag, "AWS_CONFIG_FILE", "~/.aws/config"),
                      pick(credentials_flag, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")};
}

fs::path resolve_symlinks(const fs::path& path) {
  fs::path current = path;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    const auto status = fs::symlink_status(current, ec);
    if (ec || !fs::is_symlink(status)) {
      return current;
    }
    const fs::path target = fs::read_symlink(current, ec);
    if (ec) {
      throw Error(ErrorKind::io, current.string() + ": cannot read symlink: " + ec.message());
    }
    current = target.is_absolute() ? target : current.parent_path() / target;
  }
  throw Error(ErrorKind::io, path.string() + ": too many levels of symbolic links",
              "fix the symlink chain of this file");
}

}  // namespace rolehelper::os
