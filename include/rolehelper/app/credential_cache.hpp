// SPDX-License-Identifier: MIT
// The credential cache as commands use it: the folder from the environment (cli.md "Files and
// environment"), and the data key read, or made, only when an entry is first opened.
// cached_credentials() is the hit path of `get`: it follows the route of this request to a
// fresh entry without reading the config files, and without any lock or network code.
#pragma once

#include <rolehelper/app/context.hpp>
#include <rolehelper/aws/credentials.hpp>
#include <rolehelper/cache/encrypted_cache.hpp>
#include <rolehelper/cache/route.hpp>

#include <memory>
#include <optional>

namespace rolehelper::app {

[[nodiscard]] std::filesystem::path cache_folder(const Context& ctx);

// Creates the key file on first use.
[[nodiscard]] std::shared_ptr<const cache::EncryptedCache> open_credential_cache(
    const Context& ctx);

// The route of a request for `profile`, stamped now.
[[nodiscard]] cache::Route route_for(const std::string& profile,
                                     const std::optional<std::string>& region, const Context& ctx);

// The credentials of the entry the route leads to, if it is fresh. Never creates the key.
[[nodiscard]] std::optional<aws::Credentials> cached_credentials(const cache::Route& route,
                                                                 const Context& ctx);

}  // namespace rolehelper::app
