#include "cli/config_file.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <filesystem>

#include "common/settings_table.h"

namespace spraytrace::cli {
namespace {

using detect::DetectorConfig;
using Table = SettingsTable<Config>;
using C = DetectorConfig;

// Every detector key and its field; the kind follows the field's type, durations are Micros
// fields.
std::vector<SettingsEntry<DetectorConfig>> DetectorSettings() {
  using detect::BruteForceConfig;
  using detect::DistributedConfig;
  using detect::EpisodeConfig;
  using detect::KnownDevicesConfig;
  using detect::SlowSourceConfig;
  using detect::SpraySingleSourceConfig;
  return {
      Setting("brute_force.enabled", &C::brute_force, &BruteForceConfig::enabled),
      Setting("brute_force.max_failures", &C::brute_force, &BruteForceConfig::max_failures),
      DurationSetting("brute_force.find_window", &C::brute_force, &BruteForceConfig::find_window),
      Setting("brute_force.max_success_ratio", &C::brute_force,
              &BruteForceConfig::max_success_ratio),
      Setting("spray.enabled", &C::spray, &SpraySingleSourceConfig::enabled),
      Setting("spray.min_failed_accounts", &C::spray,
              &SpraySingleSourceConfig::min_failed_accounts),
      DurationSetting("spray.window", &C::spray, &SpraySingleSourceConfig::window),
      Setting("spray.max_failures_per_account", &C::spray,
              &SpraySingleSourceConfig::max_failures_per_account),
      Setting("spray.max_success_ratio", &C::spray, &SpraySingleSourceConfig::max_success_ratio),
      Setting("slow.enabled", &C::slow, &SlowSourceConfig::enabled),
      Setting("slow.min_failures", &C::slow, &SlowSourceConfig::min_failures),
      DurationSetting("slow.window", &C::slow, &SlowSourceConfig::window),
      DurationSetting("slow.min_span", &C::slow, &SlowSourceConfig::min_span),
      Setting("slow.ignore_accounts_with_success", &C::slow,
              &SlowSourceConfig::ignore_accounts_with_success),
      Setting("slow.max_success_ratio", &C::slow, &SlowSourceConfig::max_success_ratio),
      Setting("slow.ignore_scheduled", &C::slow, &SlowSourceConfig::ignore_scheduled),
      DurationSetting("episodes.idle_gap", &C::episodes, &EpisodeConfig::idle_gap),
      Setting("episodes.max_related_users", &C::episodes, &EpisodeConfig::max_related_users),
      Setting("episodes.max_evidence", &C::episodes, &EpisodeConfig::max_evidence),
      Setting("episodes.max_accounts_per_source", &C::episodes,
              &EpisodeConfig::max_accounts_per_source),
      Setting("known_devices.max_failures", &C::known_devices, &KnownDevicesConfig::max_failures),
      DurationSetting("known_devices.memory", &C::known_devices, &KnownDevicesConfig::memory),
      Setting("known_devices.network_v4", &C::known_devices, &KnownDevicesConfig::network_v4),
      Setting("known_devices.network_v6", &C::known_devices, &KnownDevicesConfig::network_v6),
      Setting("known_devices.max_pairs", &C::known_devices, &KnownDevicesConfig::max_pairs),
      Setting("distributed.enabled", &C::distributed, &DistributedConfig::enabled),
      DurationSetting("distributed.window", &C::distributed, &DistributedConfig::window),
      Setting("distributed.min_accounts", &C::distributed, &DistributedConfig::min_accounts),
      Setting("distributed.min_sources", &C::distributed, &DistributedConfig::min_sources),
      Setting("distributed.hot_sources", &C::distributed, &DistributedConfig::hot_sources),
      Setting("distributed.min_source_accounts", &C::distributed,
              &DistributedConfig::min_source_accounts),
      DurationSetting("distributed.source_window", &C::distributed,
                      &DistributedConfig::source_window),
      DurationSetting("distributed.settle", &C::distributed, &DistributedConfig::settle),
      DurationSetting("distributed.compromise_lookback", &C::distributed,
                      &DistributedConfig::compromise_lookback),
      DurationSetting("distributed.report_every", &C::distributed,
                      &DistributedConfig::report_every),
      Setting("distributed.targeted_sources", &C::distributed,
              &DistributedConfig::targeted_sources),
      DurationSetting("distributed.targeted_window", &C::distributed,
                      &DistributedConfig::targeted_window),
      Setting("distributed.max_sources", &C::distributed, &DistributedConfig::max_sources),
  };
}

const Table& Settings() {
  static const Table kTable = [] {
    std::vector<SettingsEntry<Config>> entries = Nested(DetectorSettings(), &Config::detectors);
    for (auto& e : Nested(report::BlocklistPolicySettings(), &Config::blocklist)) {
      entries.push_back(std::move(e));
    }
    for (auto& e : Nested(correlate::EnrichmentSettings(), &Config::enrichment)) {
      entries.push_back(std::move(e));
    }
    return Table(std::move(entries));
  }();
  return kTable;
}

Status UnknownKey(std::string_view key, std::string_view source) {
  std::string known;
  for (const Table::Entry& s : Settings().entries()) known += fmt::format("\n  {}", s.key);
  return Status::InvalidArgument(
      fmt::format("{}: unknown setting '{}'; known settings:{}", source, key, known));
}

// A TOML value rendered back as text, for messages and for ApplyText.
std::string NodeText(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return fmt::format("{}", i->get());
  if (const auto* f = node.as_floating_point()) return fmt::format("{}", f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  if (const auto* a = node.as_array()) {
    std::string items;
    for (const toml::node& item : *a) {
      if (!items.empty()) items += ',';
      items += NodeText(item);
    }
    return items;
  }
  return fmt::format("<{}>", toml::impl::node_type_friendly_names[static_cast<int>(node.type())]);
}

// An array of strings none of which holds a comma (the list's text form separates by commas).
bool IsStringArray(const toml::node& node) {
  const auto* array = node.as_array();
  if (array == nullptr) return false;
  for (const toml::node& item : *array) {
    if (!item.is_string() || item.as_string()->get().find(',') != std::string::npos) return false;
  }
  return true;
}

// Checks the node's TOML type, then stores it through its text like a --set value.
Status StoreNode(const Table::Entry& s, const toml::node& node, std::string_view source,
                 Config* config) {
  const std::string text = NodeText(node);
  const bool type_ok =
      ((s.kind == SettingKind::kInt || s.kind == SettingKind::kInt64) && node.is_integer()) ||
      (s.kind == SettingKind::kDouble && (node.is_floating_point() || node.is_integer())) ||
      (s.kind == SettingKind::kBool && node.is_boolean()) ||
      (s.kind == SettingKind::kDuration && node.is_string()) ||
      (s.kind == SettingKind::kString && node.is_string()) ||
      (s.kind == SettingKind::kStringList && IsStringArray(node));
  if (!type_ok) return Table::TypeError(s, text, source);
  return Settings().ApplyText(s, text, source, config);
}

Status ApplyTable(const toml::table& root, std::string_view source, Config* config) {
  for (const auto& [section_key, section] : root) {
    const auto* table = section.as_table();
    if (table == nullptr) return UnknownKey(section_key.str(), source);
    for (const auto& [name, node] : *table) {
      const std::string key = fmt::format("{}.{}", section_key.str(), name.str());
      const Table::Entry* s = Settings().Find(key);
      if (s == nullptr) return UnknownKey(key, source);
      if (Status st = StoreNode(*s, node, source, config); !st.ok()) return st;
    }
  }
  return Status::Ok();
}

// A path the file set, relative to the file's folder: the config works from any directory.
void Resolve(const std::string& before, const std::filesystem::path& folder, std::string* path) {
  if (*path == before || path->empty() || std::filesystem::path(*path).is_absolute()) return;
  *path = (folder / *path).lexically_normal().string();
}

void ResolveEnrichmentPaths(const correlate::EnrichmentOptions& before,
                            const std::filesystem::path& folder,
                            correlate::EnrichmentOptions* options) {
  Resolve(before.asn_db, folder, &options->asn_db);
  Resolve(before.geo_db, folder, &options->geo_db);
  Resolve(before.ip2asn, folder, &options->ip2asn);
  if (options->intel != before.intel) {
    for (std::string& list : options->intel) Resolve("", folder, &list);
  }
}

}  // namespace

Status ApplyConfigText(std::string_view text, std::string_view source_name, Config* config) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", source_name, e.source().begin.line,
                                               e.source().begin.column, e.description()));
  }
  return ApplyTable(root, source_name, config);
}

Status ApplyConfigFile(const std::string& path, Config* config) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    if (e.source().begin.line == 0) {
      return Status::NotFound(
          fmt::format("cannot read config file '{}': {}", path, e.description()));
    }
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", path, e.source().begin.line,
                                               e.source().begin.column, e.description()));
  }
  const correlate::EnrichmentOptions before = config->enrichment;
  if (Status s = ApplyTable(root, path, config); !s.ok()) return s;
  ResolveEnrichmentPaths(before, std::filesystem::path(path).parent_path(), &config->enrichment);
  return Status::Ok();
}

Status ApplySetting(std::string_view assignment, Config* config) {
  const Result<Assignment> parsed = ParseAssignment(assignment, "brute_force.max_failures=3");
  if (!parsed) return parsed.error();
  const Table::Entry* s = Settings().Find(parsed->key);
  if (s == nullptr) return UnknownKey(parsed->key, "--set");
  return Settings().ApplyText(*s, parsed->value, "--set", config);
}

std::string RenderConfig(const Config& config) {
  return Settings().Render(config, SettingsLayout::kSections);
}

std::vector<std::string> KnownSettingKeys() { return Settings().Keys(); }

Status Config::Validate() const {
  if (Status s = detectors.Validate(); !s.ok()) return s;
  return blocklist.Validate();
}

}  // namespace spraytrace::cli
