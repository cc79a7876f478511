// SPDX-License-Identifier: MIT
#include <rolehelper/app/cache_command.hpp>
#include <rolehelper/app/credential_cache.hpp>
#include <rolehelper/cache/key_store.hpp>
#include <rolehelper/os/file_lock.hpp>
#include <rolehelper/util/error.hpp>
#include <rolehelper/util/json.hpp>

#include <algorithm>
#include <ostream>

namespace rolehelper::app {
namespace fs = std::filesystem;
using util::JsonValue;

namespace {

// A refresh holds an entry's lock for one STS call; an MFA prompt can hold it far longer.
constexpr auto k_clear_wait = std::chrono::seconds(10);

struct ListedEntry {
  std::string key;
  std::optional<cache::CacheEntry> entry;  // none: does not open with this key
};

// Every entry of the folder, opened with the key if there is one. Never creates the key.
std::vector<ListedEntry> read_entries(const Context& ctx) {
  auto key = cache::find_cache_key(ctx.env);
  std::vector<ListedEntry> listed;
  if (!key) {
    const cache::EncryptedCache cache(cache_folder(ctx), util::Secret());
    for (auto& name : cache.keys()) {
      listed.push_back({std::move(name), std::nullopt});
    }
    return listed;
  }
  const cache::EncryptedCache cache(cache_folder(ctx), std::move(*key));
  for (auto& name : cache.keys()) {
    auto entry = cache.load(name);
    listed.push_back({std::move(name), std::move(entry)});
  }
  return listed;
}

std::string state_of(const cache::CacheEntry& entry, util::TimePoint now) {
  if (*entry.credentials.expiration <= now) {
    return "expired";
  }
  return entry.is_fresh(now) ? "fresh" : "refresh due";
}

std::string time_left(std::chrono::seconds left) {
  if (left.count() <= 0) {
    return "0m";
  }
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(left);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(left - hours);
  return (hours.count() > 0 ? std::to_string(hours.count()) + "h" : std::string()) +
         std::to_string(minutes.count()) + "m";
}

std::string pad(const std::string& text, std::size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

void warn_unopened(std::size_t unopened, const Context& ctx) {
  if (unopened > 0) {
    ctx.log.warning(std::to_string(unopened) +
                    " cache entries do not open with the cache key (damaged, or written with "
                    "another key); rolehelper cache clear removes them");
  }
}

}  // namespace

void run_cache_list(const CacheListInput& input, Context& ctx) {
  const auto now = ctx.clock.now();
  auto listed = read_entries(ctx);
  std::vector<const cache::CacheEntry*> entries;
  std::size_t unopened = 0;
  for (const auto& item : listed) {
    if (item.entry) {
      entries.push_back(&*item.entry);
    } else {
      ++unopened;
    }
  }
  std::sort(entries.begin(), entries.end(), [](const auto* a, const auto* b) {
    return std::tie(a->profile, a->role_arn) < std::tie(b->profile, b->role_arn);
  });
  const auto seconds_left = [&](const cache::CacheEntry& entry) {
    return std::chrono::duration_cast<std::chrono::seconds>(*entry.credentials.expiration - now);
  };
  if (input.json) {
    JsonValue::Array array;
    for (const auto* entry : entries) {
      JsonValue item = JsonValue::Object{};
      item.set("Profile", entry->profile)
          .set("RoleArn", entry->role_arn)
          .set("Expiration", util::format_rfc3339(*entry->credentials.expiration))
          .set("SecondsLeft", std::max<std::int64_t>(0, seconds_left(*entry).count()))
          .set("State", state_of(*entry, now));
      array.push_back(std::move(item));
    }
    ctx.out << util::to_json(JsonValue(std::move(array))) << '\n';
  } else if (!entries.empty()) {
    std::size_t profile_width = 7;
    std::size_t role_width = 4;
    for (const auto* entry : entries) {
      profile_width = std::max(profile_width, entry->profile.size());
      role_width = std::max(role_width, entry->role_arn.size());
    }
    ctx.out << pad("PROFILE", profile_width + 2) << pad("ROLE", role_width + 2)
            << "EXPIRES               LEFT    STATE\n";
    for (const auto* entry : entries) {
      ctx.out << pad(entry->profile, profile_width + 2) << pad(entry->role_arn, role_width + 2)
              << pad(util::format_rfc3339(*entry->credentials.expiration), 22)
              << pad(time_left(seconds_left(*entry)), 8) << state_of(*entry, now) << '\n';
    }
  }
  warn_unopened(unopened, ctx);
}

void run_cache_clear(const CacheClearInput& input, Context& ctx) {
  const auto listed = read_entries(ctx);
  const cache::EncryptedCache cache(cache_folder(ctx), util::Secret());
  std::size_t removed = 0;
  std::size_t unopened = 0;
  std::size_t busy = 0;
  for (const auto& item : listed) {
    if (input.profile && (!item.entry || item.entry->profile != *input.profile)) {
      unopened += item.entry ? 0U : 1U;
      continue;
    }
    // Under the entry's lock, so that a refresh in progress is not undone by its own write
    // just after; the lock file goes too, while held (file_lock.hpp).
    os::FileLock lock(cache.lock_path(item.key));
    try {
      lock.lock(k_clear_wait);
    } catch (const util::Error&) {
      ++busy;
      continue;
    }
    removed += cache.remove(item.key) ? 1U : 0U;
    std::error_code ec;
    fs::remove(cache.lock_path(item.key), ec);
  }
  if (!input.profile) {
    // What is left: locks of sessions never stored, files of killed writers.
    for (const auto& path : cache.lock_files()) {
      os::FileLock lock(path);
      std::error_code ec;
      if (lock.try_lock()) {
        fs::remove(path, ec);
      }
    }
    for (const auto& path : cache.leftover_temporary_files()) {
      std::error_code ec;
      fs::remove(path, ec);
    }
  }
  cache.remove_routes();
  ctx.out << "removed " << removed << (removed == 1 ? " cached session" : " cached sessions")
          << (input.profile ? " of profile '" + *input.profile + "'" : std::string()) << '\n';
  if (busy > 0) {
    ctx.log.warning(std::to_string(busy) +
                    " sessions were being refreshed and were left; run rolehelper cache clear "
                    "again once that is done");
  }
  warn_unopened(unopened, ctx);  // kept: they may be other profiles'
}

}  // namespace rolehelper::app
