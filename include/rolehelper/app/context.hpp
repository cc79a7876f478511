// SPDX-License-Identifier: MIT
// Context: everything a command may touch besides its input. main() builds the real one
// (process environment, terminal, stderr); tests build one from a map, string streams and a
// scripted prompt. Commands write results to `out`, which main prints only on success.
#pragma once

#include <rolehelper/net/http.hpp>
#include <rolehelper/os/environment.hpp>
#include <rolehelper/os/paths.hpp>
#include <rolehelper/os/process.hpp>
#include <rolehelper/os/terminal.hpp>
#include <rolehelper/util/log.hpp>
#include <rolehelper/util/time.hpp>

#include <iosfwd>
#include <optional>
#include <string>

namespace rolehelper::app {

struct GlobalOptions {
  std::optional<std::string> config_file;
  std::optional<std::string> credentials_file;
  bool verbose = false;
};

struct Context {
  os::Environment env;
  GlobalOptions options;
  std::ostream& out;
  std::ostream& err;
  std::istream& in;
  bool stdin_is_terminal = false;
  os::Prompt& prompt;
  util::Logger log;
  net::HttpClient& http;
  const util::Clock& clock;
  os::ProcessRunner& runner;

  // The config and credentials files this run uses (flags, then AWS_* variables, then ~/.aws).
  [[nodiscard]] os::AwsFilePaths aws_files() const;
  // A path for messages: the home folder shown as "~".
  [[nodiscard]] std::string display_path(const std::filesystem::path& path) const;
};

}  // namespace rolehelper::app
