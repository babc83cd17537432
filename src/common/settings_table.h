// SettingsTable: the named, typed settings of a config struct, for `--set key=value` flags, config
// files and `--print-config`, so every key is parsed, range-checked and printed one way.
//
// Each entry names a key ("section.name", or a bare "name"), a field of Config and its kind:
// an integer (int or int64_t), a number (double), true/false (bool), a duration (Micros, text
// such as "10m", see common/duration.h), a string, or a list of strings (text "a,b,c", spaces
// around items ignored, "" the empty list); an entry may also carry an inclusive [min, max]
// range (numbers only). Strings are taken as given: the config's own Validate() judges them.
//   const SettingsTable<Config> kTable({
//       Setting("days", &Config::days, {1, 3660}),
//       Setting("spray.enabled", &Config::spray, &SprayConfig::enabled),
//       DurationSetting("spray.window", &Config::spray, &SprayConfig::window),
//   });
// Errors are InvalidArgument with messages that name the key, the value and the rule, prefixed
// by "<source>: " when a source is given:
//   "--set 'x': expected KEY=VALUE, e.g. spray.window=1h"                    (ParseAssignment)
//   "--set: invalid spray.window '5x': must be a duration such as ..."       (ApplyText)
//   "invalid days '0': must be between 1 and 3660"                           (range)
// A ranged number must also be finite ("inf" is "must be a number"); unranged ones take any
// double from_chars reads. Unknown keys are the caller's to word (see Find and Keys).
// The table is immutable after construction and safe to share between threads.
#ifndef SPRAYTRACE_COMMON_SETTINGS_TABLE_H_
#define SPRAYTRACE_COMMON_SETTINGS_TABLE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/duration.h"
#include "common/result.h"
#include "common/status.h"

namespace spraytrace {

enum class SettingKind : uint8_t { kInt, kInt64, kDouble, kBool, kDuration, kString, kStringList };

struct SettingRange {
  double min = 0;
  double max = 0;
};

// One key of a table. Build with Setting() or DurationSetting() below.
template <typename Config>
struct SettingsEntry {
  std::string_view key;
  SettingKind kind = SettingKind::kInt;
  std::function<void*(Config&)> field;  // the field, of the type kind names
  std::optional<SettingRange> range;
};

// How Render lays keys out.
enum class SettingsLayout : uint8_t {
  kFlat,      // "section.name = value" per line
  kSections,  // TOML: "[section]" headers, a blank line between sections, "name = value"
};

struct Assignment {
  std::string_view key;
  std::string_view value;
};

// Splits "KEY=VALUE" at the first '='; example (e.g. "covert.pool_size=8000") is cited on error.
Result<Assignment> ParseAssignment(std::string_view text, std::string_view example);

namespace settings_internal {

// The non-template core; field points at the type kind names.
Status StoreText(std::string_view key, SettingKind kind, const std::optional<SettingRange>& range,
                 std::string_view text, std::string_view source, void* field);
std::string ValueText(SettingKind kind, const void* field);
bool InRange(SettingKind kind, const SettingRange& range, const void* field);
Status TypeError(std::string_view key, SettingKind kind, std::string_view value,
                 std::string_view source);
Status RangeError(std::string_view key, SettingKind kind, const SettingRange& range,
                  std::string_view value, std::string_view source);
std::string Render(const std::vector<std::pair<std::string_view, std::string>>& values,
                   SettingsLayout layout);

template <typename T>
constexpr SettingKind KindOf() {
  if constexpr (std::is_same_v<T, bool>) {
    return SettingKind::kBool;
  } else if constexpr (std::is_same_v<T, int>) {
    return SettingKind::kInt;
  } else if constexpr (std::is_same_v<T, int64_t>) {
    return SettingKind::kInt64;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return SettingKind::kString;
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    return SettingKind::kStringList;
  } else {
    static_assert(std::is_same_v<T, double>,
                  "a setting is bool, int, int64_t, double, string or vector<string>");
    return SettingKind::kDouble;
  }
}

}  // namespace settings_internal

// A top-level field: Setting("days", &Config::days).
template <typename Config, typename T>
SettingsEntry<Config> Setting(std::string_view key, T Config::*field) {
  return {key, settings_internal::KindOf<T>(), [field](Config& c) -> void* { return &(c.*field); },
          std::nullopt};
}

// A field of a section: Setting("spray.count", &Config::spray, &SprayConfig::count).
template <typename Config, typename Section, typename T>
SettingsEntry<Config> Setting(std::string_view key, Section Config::*section, T Section::*field) {
  return {key, settings_internal::KindOf<T>(),
          [section, field](Config& c) -> void* { return &((c.*section).*field); }, std::nullopt};
}

// The entries of a sub-config as entries of the config that holds it, keys unchanged:
// Nested(BlocklistEntries(), &Config::blocklist).
template <typename Outer, typename Inner>
std::vector<SettingsEntry<Outer>> Nested(const std::vector<SettingsEntry<Inner>>& entries,
                                         Inner Outer::*member) {
  std::vector<SettingsEntry<Outer>> out;
  out.reserve(entries.size());
  for (const SettingsEntry<Inner>& e : entries) {
    out.push_back({e.key, e.kind,
                   [member, field = e.field](Outer& c) -> void* { return field(c.*member); },
                   e.range});
  }
  return out;
}

// The same with an inclusive range: Setting("days", &Config::days, {1, 3660}).
template <typename Config, typename T>
SettingsEntry<Config> Setting(std::string_view key, T Config::*field, SettingRange range) {
  SettingsEntry<Config> entry = Setting(key, field);
  entry.range = range;
  return entry;
}

template <typename Config, typename Section, typename T>
SettingsEntry<Config> Setting(std::string_view key, Section Config::*section, T Section::*field,
                              SettingRange range) {
  SettingsEntry<Config> entry = Setting(key, section, field);
  entry.range = range;
  return entry;
}

// A top-level Micros field, written as a duration: DurationSetting("ttl", &Config::ttl).
template <typename Config>
SettingsEntry<Config> DurationSetting(std::string_view key, Micros Config::*field) {
  return {key, SettingKind::kDuration, [field](Config& c) -> void* { return &(c.*field); },
          std::nullopt};
}

// A Micros field of a section, written as a duration ("90s", "10m", "24h", "7d").
template <typename Config, typename Section>
SettingsEntry<Config> DurationSetting(std::string_view key, Section Config::*section,
                                      Micros Section::*field) {
  return {key, SettingKind::kDuration,
          [section, field](Config& c) -> void* { return &((c.*section).*field); }, std::nullopt};
}

template <typename Config>
class SettingsTable {
 public:
  using Entry = SettingsEntry<Config>;

  explicit SettingsTable(std::vector<Entry> entries) : entries_(std::move(entries)) {}

  // nullptr for an unknown key.
  const Entry* Find(std::string_view key) const {
    for (const Entry& e : entries_) {
      if (e.key == key) return &e;
    }
    return nullptr;
  }

  const std::vector<Entry>& entries() const { return entries_; }

  std::vector<std::string> Keys() const {
    std::vector<std::string> keys;
    for (const Entry& e : entries_) keys.emplace_back(e.key);
    return keys;
  }

  // Parses text as the entry's kind and stores it, then checks the range (the value stays
  // stored when only the range check fails). source prefixes messages; empty for none.
  Status ApplyText(const Entry& e, std::string_view text, std::string_view source,
                   Config* config) const {
    return settings_internal::StoreText(e.key, e.kind, e.range, text, source, e.field(*config));
  }

  // "<source>: invalid <key> '<value>': must be <kind>", for callers that type-check values
  // themselves (e.g. a TOML node of the wrong type).
  static Status TypeError(const Entry& e, std::string_view value, std::string_view source) {
    return settings_internal::TypeError(e.key, e.kind, value, source);
  }

  // The first entry whose value is outside its range, in table order; OK if none.
  Status CheckRanges(Config config) const {
    for (const Entry& e : entries_) {
      const void* field = e.field(config);
      if (e.range && !settings_internal::InRange(e.kind, *e.range, field)) {
        return settings_internal::RangeError(e.key, e.kind, *e.range,
                                             settings_internal::ValueText(e.kind, field), "");
      }
    }
    return Status::Ok();
  }

  // Every key with its value, in table order. Values are TOML literals: durations quoted.
  std::string Render(Config config, SettingsLayout layout) const {
    std::vector<std::pair<std::string_view, std::string>> values;
    values.reserve(entries_.size());
    for (const Entry& e : entries_) {
      values.emplace_back(e.key, settings_internal::ValueText(e.kind, e.field(config)));
    }
    return settings_internal::Render(values, layout);
  }

 private:
  std::vector<Entry> entries_;
};

}  // namespace spraytrace

#endif  // SPRAYTRACE_COMMON_SETTINGS_TABLE_H_
