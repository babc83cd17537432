#include "cli/config_file.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <charconv>

namespace spraytrace::cli {
namespace {

using detect::DetectorConfig;

enum class Kind { kInt, kDouble, kBool, kDuration };

struct Setting {
  std::string_view key;
  Kind kind;
  void* (*field)(DetectorConfig&);
};

// Field accessors; a table keeps every key's name, type and place in one line.
#define SPRAYTRACE_SETTING(key, kind, member)                       \
  Setting {                                                         \
    key, kind, [](DetectorConfig& c) -> void* { return &c.member; } \
  }

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> kSettings = {
      SPRAYTRACE_SETTING("brute_force.enabled", Kind::kBool, brute_force.enabled),
      SPRAYTRACE_SETTING("brute_force.max_failures", Kind::kInt, brute_force.max_failures),
      SPRAYTRACE_SETTING("brute_force.find_window", Kind::kDuration, brute_force.find_window),
      SPRAYTRACE_SETTING("brute_force.max_success_ratio", Kind::kDouble,
                         brute_force.max_success_ratio),
      SPRAYTRACE_SETTING("spray.enabled", Kind::kBool, spray.enabled),
      SPRAYTRACE_SETTING("spray.min_failed_accounts", Kind::kInt, spray.min_failed_accounts),
      SPRAYTRACE_SETTING("spray.window", Kind::kDuration, spray.window),
      SPRAYTRACE_SETTING("spray.max_failures_per_account", Kind::kDouble,
                         spray.max_failures_per_account),
      SPRAYTRACE_SETTING("spray.max_success_ratio", Kind::kDouble, spray.max_success_ratio),
      SPRAYTRACE_SETTING("slow.enabled", Kind::kBool, slow.enabled),
      SPRAYTRACE_SETTING("slow.min_failures", Kind::kInt, slow.min_failures),
      SPRAYTRACE_SETTING("slow.window", Kind::kDuration, slow.window),
      SPRAYTRACE_SETTING("slow.min_span", Kind::kDuration, slow.min_span),
      SPRAYTRACE_SETTING("slow.ignore_accounts_with_success", Kind::kBool,
                         slow.ignore_accounts_with_success),
      SPRAYTRACE_SETTING("slow.max_success_ratio", Kind::kDouble, slow.max_success_ratio),
      SPRAYTRACE_SETTING("slow.ignore_scheduled", Kind::kBool, slow.ignore_scheduled),
      SPRAYTRACE_SETTING("episodes.idle_gap", Kind::kDuration, episodes.idle_gap),
      SPRAYTRACE_SETTING("episodes.max_related_users", Kind::kInt, episodes.max_related_users),
      SPRAYTRACE_SETTING("episodes.max_evidence", Kind::kInt, episodes.max_evidence),
      SPRAYTRACE_SETTING("episodes.max_accounts_per_source", Kind::kInt,
                         episodes.max_accounts_per_source),
      SPRAYTRACE_SETTING("known_devices.max_failures", Kind::kInt, known_devices.max_failures),
      SPRAYTRACE_SETTING("known_devices.memory", Kind::kDuration, known_devices.memory),
      SPRAYTRACE_SETTING("known_devices.network_v4", Kind::kInt, known_devices.network_v4),
      SPRAYTRACE_SETTING("known_devices.network_v6", Kind::kInt, known_devices.network_v6),
      SPRAYTRACE_SETTING("known_devices.max_pairs", Kind::kInt, known_devices.max_pairs),
  };
  return kSettings;
}
#undef SPRAYTRACE_SETTING

const Setting* FindSetting(std::string_view key) {
  for (const Setting& s : Settings()) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kInt:
      return "an integer";
    case Kind::kDouble:
      return "a number";
    case Kind::kBool:
      return "true or false";
    case Kind::kDuration:
      return "a duration such as \"90s\", \"10m\", \"24h\" or \"7d\"";
  }
  return "";
}

Status UnknownKey(std::string_view key, std::string_view source) {
  std::string known;
  for (const Setting& s : Settings()) known += fmt::format("\n  {}", s.key);
  return Status::InvalidArgument(
      fmt::format("{}: unknown setting '{}'; known settings:{}", source, key, known));
}

Status WrongType(const Setting& s, std::string_view value, std::string_view source) {
  return Status::InvalidArgument(
      fmt::format("{}: invalid {} '{}': must be {}", source, s.key, value, KindName(s.kind)));
}

// Parses text as the setting's type and stores it.
Status StoreText(const Setting& s, std::string_view text, std::string_view source,
                 DetectorConfig* config) {
  void* field = s.field(*config);
  const char* end = text.data() + text.size();
  switch (s.kind) {
    case Kind::kInt: {
      int value = 0;
      auto [ptr, ec] = std::from_chars(text.data(), end, value);
      if (ec != std::errc() || ptr != end) return WrongType(s, text, source);
      *static_cast<int*>(field) = value;
      return Status::Ok();
    }
    case Kind::kDouble: {
      double value = 0;
      auto [ptr, ec] = std::from_chars(text.data(), end, value);
      if (ec != std::errc() || ptr != end) return WrongType(s, text, source);
      *static_cast<double*>(field) = value;
      return Status::Ok();
    }
    case Kind::kBool:
      if (text != "true" && text != "false") return WrongType(s, text, source);
      *static_cast<bool*>(field) = text == "true";
      return Status::Ok();
    case Kind::kDuration: {
      auto parsed = ParseDuration(text);
      if (!parsed) return WrongType(s, text, source);
      *static_cast<Micros*>(field) = *parsed;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

// A TOML value rendered back as text, for messages and for StoreText.
std::string NodeText(const toml::node& node) {
  if (const auto* s = node.as_string()) return s->get();
  if (const auto* i = node.as_integer()) return fmt::format("{}", i->get());
  if (const auto* f = node.as_floating_point()) return fmt::format("{}", f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  return fmt::format("<{}>", toml::impl::node_type_friendly_names[static_cast<int>(node.type())]);
}

Status StoreNode(const Setting& s, const toml::node& node, std::string_view source,
                 DetectorConfig* config) {
  const std::string text = NodeText(node);
  const bool type_ok =
      (s.kind == Kind::kInt && node.is_integer()) ||
      (s.kind == Kind::kDouble && (node.is_floating_point() || node.is_integer())) ||
      (s.kind == Kind::kBool && node.is_boolean()) ||
      (s.kind == Kind::kDuration && node.is_string());
  if (!type_ok) return WrongType(s, text, source);
  return StoreText(s, text, source, config);
}

Status ApplyTable(const toml::table& root, std::string_view source, DetectorConfig* config) {
  for (const auto& [section_key, section] : root) {
    const auto* table = section.as_table();
    if (table == nullptr) return UnknownKey(section_key.str(), source);
    for (const auto& [name, node] : *table) {
      const std::string key = fmt::format("{}.{}", section_key.str(), name.str());
      const Setting* s = FindSetting(key);
      if (s == nullptr) return UnknownKey(key, source);
      if (Status st = StoreNode(*s, node, source, config); !st.ok()) return st;
    }
  }
  return Status::Ok();
}

}  // namespace

Status ApplyConfigText(std::string_view text, std::string_view source_name,
                       DetectorConfig* config) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", source_name, e.source().begin.line,
                                               e.source().begin.column, e.description()));
  }
  return ApplyTable(root, source_name, config);
}

Status ApplyConfigFile(const std::string& path, DetectorConfig* config) {
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
  return ApplyTable(root, path, config);
}

Status ApplySetting(std::string_view assignment, DetectorConfig* config) {
  const size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    return Status::InvalidArgument(
        fmt::format("--set '{}': expected KEY=VALUE, e.g. brute_force.max_failures=3", assignment));
  }
  const std::string_view key = assignment.substr(0, eq);
  const Setting* s = FindSetting(key);
  if (s == nullptr) return UnknownKey(key, "--set");
  return StoreText(*s, assignment.substr(eq + 1), "--set", config);
}

std::string RenderConfig(const DetectorConfig& config) {
  DetectorConfig copy = config;
  std::string out;
  std::string_view section;
  for (const Setting& s : Settings()) {
    const size_t dot = s.key.find('.');
    if (s.key.substr(0, dot) != section) {
      section = s.key.substr(0, dot);
      out += fmt::format("{}[{}]\n", out.empty() ? "" : "\n", section);
    }
    void* field = s.field(copy);
    std::string value;
    switch (s.kind) {
      case Kind::kInt:
        value = fmt::format("{}", *static_cast<int*>(field));
        break;
      case Kind::kDouble:
        value = fmt::format("{}", *static_cast<double*>(field));
        break;
      case Kind::kBool:
        value = *static_cast<bool*>(field) ? "true" : "false";
        break;
      case Kind::kDuration:
        value = fmt::format("\"{}\"", FormatDuration(*static_cast<Micros*>(field)));
        break;
    }
    out += fmt::format("{} = {}\n", s.key.substr(dot + 1), value);
  }
  return out;
}

std::vector<std::string> KnownSettingKeys() {
  std::vector<std::string> keys;
  for (const Setting& s : Settings()) keys.emplace_back(s.key);
  return keys;
}

}  // namespace spraytrace::cli
