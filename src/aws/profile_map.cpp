// SPDX-License-Identifier: MIT
// Mirrors botocore/configloader.py (build_profile_map, _parse_section) and session.py
// (full_config), botocore 1.43.
#include <rolehelper/aws/profile_map.hpp>
#include <rolehelper/util/shell_words.hpp>

#include <algorithm>
#include <unordered_map>

namespace rolehelper::aws {
namespace {

enum class SectionKind { profile, sso_session, services, other, ignored };

struct Classified {
  SectionKind kind;
  std::string name;
};

// botocore tests the prefix with str.startswith ("[profiles x]" is profile "x") and then needs
// exactly two shlex words; anything else with such a prefix is dropped.
Classified classify(std::string_view section) {
  const auto named = [&](SectionKind kind) -> Classified {
    const auto words = util::split_shell_words(section);
    if (!words || words->size() != 2) {
      return {SectionKind::ignored, {}};
    }
    return {kind, (*words)[1]};
  };
  if (section.starts_with("profile")) {
    return named(SectionKind::profile);
  }
  if (section.starts_with("sso-session")) {
    return named(SectionKind::sso_session);
  }
  if (section.starts_with("services")) {
    return named(SectionKind::services);
  }
  if (section == "default") {
    return {SectionKind::profile, "default"};
  }
  return {SectionKind::other, std::string(section)};
}

// A Python dict of sections: dict.update({name: settings}) replaces a repeat's value but
// keeps its first position.
class OrderedSections {
 public:
  void put(NamedSettings item) {
    const auto [it, inserted] = m_index.try_emplace(item.name, m_items.size());
    if (inserted) {
      m_items.push_back(std::move(item));
    } else {
      m_items[it->second] = std::move(item);
    }
  }
  std::vector<NamedSettings> take() { return std::move(m_items); }

 private:
  std::vector<NamedSettings> m_items;
  std::unordered_map<std::string, std::size_t> m_index;
};

}  // namespace

ConfigFileView build_profile_map(const ConfigFile& config) {
  OrderedSections profiles;
  OrderedSections sso_sessions;
  OrderedSections services;
  OrderedSections others;
  const auto& sections = config.sections();
  for (std::size_t i = 0; i < sections.size(); ++i) {
    auto [kind, name] = classify(sections[i].name);
    NamedSettings item{std::move(name), sections[i].settings, i};
    switch (kind) {
      case SectionKind::profile:
        profiles.put(std::move(item));
        break;
      case SectionKind::sso_session:
        sso_sessions.put(std::move(item));
        break;
      case SectionKind::services:
        services.put(std::move(item));
        break;
      case SectionKind::other:
        others.put(std::move(item));
        break;
      case SectionKind::ignored:
        break;
    }
  }
  return ConfigFileView{profiles.take(), sso_sessions.take(), services.take(), others.take()};
}

const Setting* Profile::find(std::string_view key) const noexcept {
  for (const auto& setting : settings) {
    if (setting.key == key) {
      return &setting;
    }
  }
  return nullptr;
}

std::optional<std::string> Profile::value(std::string_view key) const {
  if (const auto* setting = find(key)) {
    return setting->value;
  }
  return std::nullopt;
}

std::vector<Profile> merge_profiles(const ConfigFile& config, const ConfigFile& credentials) {
  return merge_profiles(build_profile_map(config).profiles, credentials);
}

std::vector<Profile> merge_profiles(std::vector<NamedSettings> config_profiles,
                                    const ConfigFile& credentials) {
  std::vector<Profile> profiles;
  std::unordered_map<std::string, std::size_t> index;
  for (auto& named : config_profiles) {
    index.emplace(named.name, profiles.size());
    profiles.push_back(Profile{std::move(named.name), std::move(named.settings),
                               named.section_index, std::nullopt});
  }
  const auto& sections = credentials.sections();
  for (std::size_t i = 0; i < sections.size(); ++i) {
    const auto& section = sections[i];
    const auto [found, inserted] = index.try_emplace(section.name, profiles.size());
    if (inserted) {
      profiles.push_back(Profile{section.name, section.settings, std::nullopt, i});
      continue;
    }
    auto it = profiles.begin() + static_cast<std::ptrdiff_t>(found->second);
    it->credentials_section = i;
    for (const auto& setting : section.settings) {
      auto existing = std::find_if(it->settings.begin(), it->settings.end(),
                                   [&](const Setting& s) { return s.key == setting.key; });
      if (existing != it->settings.end()) {
        *existing = setting;
      } else {
        it->settings.push_back(setting);
      }
    }
  }
  return profiles;
}

std::string config_section_name(std::string_view profile) {
  return profile == "default" ? std::string("default") : "profile " + std::string(profile);
}

std::vector<std::size_t> config_sections_of(const ConfigFile& config, std::string_view profile) {
  std::vector<std::size_t> indexes;
  for (const auto& section : config.sections()) {
    const auto classified = classify(section.name);
    if (classified.kind == SectionKind::profile && classified.name == profile) {
      indexes.push_back(section.document_index);
    }
  }
  return indexes;
}

std::vector<std::size_t> credentials_sections_of(const ConfigFile& credentials,
                                                 std::string_view profile) {
  std::vector<std::size_t> indexes;
  for (const auto& section : credentials.sections()) {
    if (section.name == profile) {
      indexes.push_back(section.document_index);
    }
  }
  return indexes;
}

}  // namespace rolehelper::aws
