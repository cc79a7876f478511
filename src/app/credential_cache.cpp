// SPDX-License-Identifier: MIT
#include <rolehelper/app/credential_cache.hpp>
#include <rolehelper/cache/key_store.hpp>
#include <rolehelper/os/paths.hpp>

namespace rolehelper::app {
namespace fs = std::filesystem;

fs::path cache_folder(const Context& ctx) {
  return cache::default_cache_folder(ctx.env.get("ROLEHELPER_CACHE_DIR"),
                                     ctx.env.get("XDG_CACHE_HOME"), os::home_directory(ctx.env));
}

std::shared_ptr<const cache::EncryptedCache> open_credential_cache(const Context& ctx) {
  const os::Environment& env = ctx.env;
  return std::make_shared<const cache::EncryptedCache>(
      cache_folder(ctx), [&env] { return cache::load_or_create_cache_key(env); });
}

cache::Route route_for(const std::string& profile, const std::optional<std::string>& region,
                       const Context& ctx) {
  // Not ctx.aws_files(): the files are logged once, when they are read.
  const auto files =
      os::aws_file_paths(ctx.env, ctx.options.config_file, ctx.options.credentials_file);
  return cache::make_route(profile, region, {files.config, files.credentials}, ctx.env,
                           ctx.clock.now());
}

std::optional<aws::Credentials> cached_credentials(const cache::Route& route, const Context& ctx) {
  auto key = cache::find_cache_key(ctx.env);
  if (!key) {
    return std::nullopt;  // no key yet, so no entry either
  }
  const cache::EncryptedCache cache(cache_folder(ctx), std::move(*key));
  const auto cache_key = cache.load_route(route);
  if (!cache_key) {
    return std::nullopt;
  }
  auto entry = cache.load(*cache_key);
  if (!entry || !entry->is_fresh(ctx.clock.now())) {
    return std::nullopt;
  }
  ctx.log.debug("profile '" + entry->profile + "': cached session, valid until " +
                util::format_rfc3339(*entry->credentials.expiration) +
                " (config files unchanged since it was cached)");
  return std::move(entry->credentials);
}

}  // namespace rolehelper::app
