// SPDX-License-Identifier: MIT
#include <rolehelper/app/remove_profile_command.hpp>
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/util/error.hpp>

#include <functional>

namespace rolehelper::app {
using util::Error;
using util::ErrorKind;

namespace {

// Removes the sections `find` returns, last first so earlier indexes stay valid.
aws::EditOutcome remove_sections(
    const util::Logger& log, const std::filesystem::path& path, aws::FileKind kind,
    const std::function<std::vector<std::size_t>(const aws::ConfigFile&)>& find) {
  return aws::edit_config_file(
      path, kind,
      [&](aws::ConfigFile& file) {
        const auto indexes = find(file);
        for (auto it = indexes.rbegin(); it != indexes.rend(); ++it) {
          file.remove_section(*it);
        }
      },
      &log);
}

}  // namespace

void run_remove_profile(const RemoveProfileInput& input, Context& ctx) {
  const auto paths = ctx.aws_files();
  const auto files = aws::ConfigFiles::load(paths);
  const bool in_config = !aws::config_sections_of(files.config(), input.name).empty();
  const bool in_credentials =
      !aws::credentials_sections_of(files.credentials(), input.name).empty();
  if (!in_config && !in_credentials) {
    throw Error(ErrorKind::config,
                "no profile '" + input.name + "' in " + ctx.display_path(paths.config) + " or " +
                    ctx.display_path(paths.credentials),
                "run rolehelper list to see the profiles");
  }

  std::vector<std::string> changed;
  if (in_config) {
    const auto outcome = remove_sections(
        ctx.log, paths.config, aws::FileKind::config,
        [&](const aws::ConfigFile& file) { return aws::config_sections_of(file, input.name); });
    if (outcome.changed) {
      changed.push_back(ctx.display_path(outcome.written));
    }
  }
  if (in_credentials) {
    const auto outcome = remove_sections(ctx.log, paths.credentials, aws::FileKind::credentials,
                                         [&](const aws::ConfigFile& file) {
                                           return aws::credentials_sections_of(file, input.name);
                                         });
    if (outcome.changed) {
      changed.push_back(ctx.display_path(outcome.written));
    }
  }
  ctx.log.info("removed profile '" + input.name + "' from " +
               (changed.empty()       ? std::string("nowhere (another process removed it first)")
                : changed.size() == 1 ? changed[0]
                                      : changed[0] + " and " + changed[1]));

  for (const auto& profile : files.profiles()) {
    for (const auto key : {"rolehelper_source_profile", "source_profile"}) {
      if (profile.name != input.name && profile.value(key) == input.name) {
        ctx.log.warning("profile '" + profile.name + "' still names '" + input.name +
                        "' as its source profile");
      }
    }
  }
}

}  // namespace rolehelper::app
