// SPDX-License-Identifier: MIT
#include <rolehelper/aws/config_files.hpp>
#include <rolehelper/os/atomic_file.hpp>
#include <rolehelper/os/file_io.hpp>
#include <rolehelper/os/file_lock.hpp>
#include <rolehelper/util/error.hpp>

namespace rolehelper::aws {

ConfigFiles ConfigFiles::load(const os::AwsFilePaths& paths) {
  return ConfigFiles(ConfigFile::load(paths.config, FileKind::config),
                     ConfigFile::load(paths.credentials, FileKind::credentials));
}

ConfigFiles::ConfigFiles(ConfigFile config, ConfigFile credentials)
    : m_config(std::move(config)), m_credentials(std::move(credentials)) {
  auto view = build_profile_map(m_config);  // once: both the profiles and [services] come from it
  m_services = std::move(view.services);
  m_profiles = merge_profiles(std::move(view.profiles), m_credentials);
}

const Profile* ConfigFiles::find_profile(std::string_view name) const noexcept {
  for (const auto& profile : m_profiles) {
    if (profile.name == name) {
      return &profile;
    }
  }
  return nullptr;
}

EditOutcome edit_config_file(const std::filesystem::path& path, FileKind kind,
                             const std::function<void(ConfigFile&)>& change,
                             const util::Logger* log) {
  constexpr mode_t k_private_file = 0600;
  constexpr mode_t k_private_folder = 0700;

  EditOutcome outcome;
  outcome.written = os::resolve_symlinks(path);
  if (const auto existing = os::file_status(outcome.written); existing && !existing->regular) {
    // Never replace a device (AWS_CONFIG_FILE=/dev/null as root), FIFO or folder.
    throw util::Error(util::ErrorKind::config, outcome.written.string() + " is not a regular file",
                      "point --config-file / --credentials-file (or AWS_CONFIG_FILE, "
                      "AWS_SHARED_CREDENTIALS_FILE) at a regular file");
  }
  os::ensure_directory(outcome.written.parent_path(), k_private_folder);

  os::FileLock lock(os::FileLock::sidecar_for(outcome.written));
  lock.lock();
  os::AtomicFile::remove_stale_temporaries(outcome.written);

  const auto status = os::file_status(outcome.written);
  auto text = os::read_file(outcome.written);
  outcome.created = !text.has_value();
  const std::string original = text.value_or(std::string{});
  ConfigFile file = ConfigFile::from_text(outcome.written, kind, original);
  change(file);
  if (file.document().text() == original) {
    if (log != nullptr) {
      log->debug("left unchanged: " + outcome.written.string());
    }
    return outcome;  // nothing to write (nor a new empty file to create)
  }

  mode_t mode = status ? status->mode : k_private_file;
  if (kind == FileKind::credentials && (mode & ~k_private_file) != 0) {
    outcome.narrowed_from = mode;
    mode = k_private_file;  // not mode & 0600: 0044 would become an unreadable 0000
  }
  os::AtomicFile replacement(outcome.written, mode);
  if (status) {
    replacement.keep_owner(status->owner, status->group);
  }
  replacement.write(file.document().text());
  replacement.commit();
  outcome.changed = true;
  if (log != nullptr) {
    log->debug("replaced " + outcome.written.string());
  }
  return outcome;
}

}  // namespace rolehelper::aws
