#include "simulate/simulation_config.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace spraytrace::simulate {
namespace {

enum class Kind { kInt, kDouble };

// One --set key: its type, its place in the config and its allowed range.
struct Setting {
  std::string_view key;
  Kind kind;
  void* (*field)(SimulationConfig&);
  double min;
  double max;
};

#define SIM_INT(key, member, lo, hi)                                                \
  Setting {                                                                         \
    key, Kind::kInt, [](SimulationConfig& c) -> void* { return &c.member; }, lo, hi \
  }
#define SIM_DBL(key, member, lo, hi)                                                   \
  Setting {                                                                            \
    key, Kind::kDouble, [](SimulationConfig& c) -> void* { return &c.member; }, lo, hi \
  }

const std::vector<Setting>& Settings() {
  static const std::vector<Setting> kSettings = {
      SIM_INT("days", days, 1, 3660),
      SIM_INT("benign.users", benign.users, 1, 10'000'000),
      SIM_DBL("benign.weekday_active_share", benign.weekday_active_share, 0, 1),
      SIM_DBL("benign.weekend_active_share", benign.weekend_active_share, 0, 1),
      SIM_DBL("benign.sessions_per_active_day", benign.sessions_per_active_day, 1, 1000),
      SIM_INT("benign.work_start_hour", benign.work_start_hour, 0, 23),
      SIM_INT("benign.work_end_hour", benign.work_end_hour, 1, 24),
      SIM_DBL("benign.key_share", benign.key_share, 0, 1),
      SIM_DBL("benign.phone_share", benign.phone_share, 0, 1),
      SIM_DBL("benign.phone_session_share", benign.phone_session_share, 0, 1),
      SIM_DBL("benign.office_share", benign.office_share, 0, 1),
      SIM_DBL("benign.office_session_share", benign.office_session_share, 0, 1),
      SIM_INT("benign.office_egress_addresses", benign.office_egress_addresses, 1, 256),
      SIM_INT("benign.mobile_pool_size", benign.mobile_pool_size, 1, 60000),
      SIM_DBL("benign.ipv6_home_share", benign.ipv6_home_share, 0, 1),
      SIM_DBL("benign.typo_share", benign.typo_share, 0, 1),
      SIM_DBL("benign.travel_rate", benign.travel_rate, 0, 1),
      SIM_INT("benign.travel_days", benign.travel_days, 2, 365),
      SIM_DBL("benign.password_change_rate", benign.password_change_rate, 0, 1),
      SIM_DBL("benign.stale_phone_days", benign.stale_phone_days, 0.1, 60),
      SIM_DBL("benign.stale_phone_interval_minutes", benign.stale_phone_interval_minutes, 1, 1440),
      SIM_INT("benign.service_accounts", benign.service_accounts, 0, 1000),
      SIM_INT("benign.misconfigured_service_accounts", benign.misconfigured_service_accounts, 0,
              1000),
      SIM_INT("benign.service_interval_minutes", benign.service_interval_minutes, 1, 1440),
      SIM_DBL("benign.session_minutes", benign.session_minutes, 0.1, 1440),
      SIM_INT("brute_force.count", brute_force.count, 0, 1000),
      SIM_DBL("brute_force.rate", brute_force.rate, 0.001, 100),
      SIM_INT("brute_force.duration_minutes", brute_force.duration_minutes, 1, 1440),
      SIM_INT("brute_force.max_accounts", brute_force.max_accounts, 1, 100),
      SIM_INT("brute_force.tries_per_connection", brute_force.tries_per_connection, 1, 6),
      SIM_INT("spray.count", spray.count, 0, 1000),
      SIM_INT("spray.accounts", spray.accounts, 1, 1'000'000),
      SIM_INT("spray.passwords", spray.passwords, 1, 2),
      SIM_DBL("spray.interval_seconds", spray.interval_seconds, 0.1, 86400),
      SIM_DBL("spray.nonexistent_share", spray.nonexistent_share, 0, 1),
      SIM_INT("covert.count", covert.count, 0, 1),
      SIM_INT("covert.pool_size", covert.pool_size, 1, 10'000'000),
      SIM_DBL("covert.active_share", covert.active_share, 0.001, 1),
      SIM_DBL("covert.node_lifetime_days", covert.node_lifetime_days, 1, 3660),
      SIM_INT("covert.targets", covert.targets, 1, 10'000'000),
      SIM_DBL("covert.nonexistent_share", covert.nonexistent_share, 0, 1),
      SIM_DBL("covert.rate", covert.rate, 0.001, 1000),
      SIM_DBL("covert.ipv6_share", covert.ipv6_share, 0, 1),
      SIM_DBL("covert.ipv6_one_64_share", covert.ipv6_one_64_share, 0, 1),
      SIM_INT("covert.ipv4_prefixes", covert.ipv4_prefixes, 1, 20000),
      SIM_DBL("covert.shared_fingerprint_share", covert.shared_fingerprint_share, 0, 1),
      SIM_INT("covert.known_passwords", covert.known_passwords, 0, 1000),
      SIM_INT("covert.start_day", covert.start_day, 1, 3660),
      SIM_INT("covert.days", covert.days, 0, 3660),
      SIM_INT("noise.count", noise.count, 0, 1),
      SIM_INT("noise.sources_per_day", noise.sources_per_day, 0, 1'000'000),
      SIM_INT("noise.max_attempts", noise.max_attempts, 1, 100),
  };
  return kSettings;
}
#undef SIM_INT
#undef SIM_DBL

const Setting* FindSetting(std::string_view key) {
  for (const Setting& s : Settings()) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

// Reads through a copy: the table's accessors hand out mutable pointers.
double ValueOf(const Setting& s, SimulationConfig c) {
  return s.kind == Kind::kInt ? static_cast<double>(*static_cast<int64_t*>(s.field(c)))
                              : *static_cast<double*>(s.field(c));
}

std::string ValueText(const Setting& s, const SimulationConfig& config) {
  return s.kind == Kind::kInt ? fmt::format("{}", static_cast<int64_t>(ValueOf(s, config)))
                              : fmt::format("{}", ValueOf(s, config));
}

Status OutOfRange(const Setting& s, std::string_view value) {
  if (s.kind == Kind::kInt) {
    return Status::InvalidArgument(fmt::format("invalid {} '{}': must be between {} and {}", s.key,
                                               value, static_cast<int64_t>(s.min),
                                               static_cast<int64_t>(s.max)));
  }
  return Status::InvalidArgument(
      fmt::format("invalid {} '{}': must be between {} and {}", s.key, value, s.min, s.max));
}

Status CrossFieldRules(const SimulationConfig& c) {
  if (c.benign.work_start_hour >= c.benign.work_end_hour) {
    return Status::InvalidArgument(
        fmt::format("invalid benign.work_end_hour '{}': must be after benign.work_start_hour ({})",
                    c.benign.work_end_hour, c.benign.work_start_hour));
  }
  if (c.benign.misconfigured_service_accounts > c.benign.service_accounts) {
    return Status::InvalidArgument(
        fmt::format("invalid benign.misconfigured_service_accounts '{}': must be at most "
                    "benign.service_accounts ({})",
                    c.benign.misconfigured_service_accounts, c.benign.service_accounts));
  }
  return Status::Ok();
}

}  // namespace

std::string_view LogFormatName(LogFormat format) {
  return format == LogFormat::kSshdJournal ? "sshd-journal" : "sshd-syslog";
}

bool ParseLogFormat(std::string_view name, LogFormat* format) {
  if (name == "sshd-syslog") {
    *format = LogFormat::kSshdSyslog;
  } else if (name == "sshd-journal") {
    *format = LogFormat::kSshdJournal;
  } else {
    return false;
  }
  return true;
}

Timestamp DefaultStart() { return ToTimestamp(CivilTime{2026, 11, 2, 0, 0, 0, 0}); }

Status SimulationConfig::Validate() const {
  for (const Setting& s : Settings()) {
    const double value = ValueOf(s, *this);
    if (!(value >= s.min && value <= s.max)) return OutOfRange(s, ValueText(s, *this));
  }
  return CrossFieldRules(*this);
}

std::vector<std::string> PresetNames() {
  return {"benign", "brute-force", "single-source-spray", "covert-network", "mixed"};
}

Status ApplyPreset(std::string_view name, SimulationConfig* config) {
  config->brute_force.count = 0;
  config->spray.count = 0;
  config->covert.count = 0;
  config->noise.count = 0;
  if (name == "benign") return Status::Ok();
  if (name == "brute-force") {
    config->brute_force.count = 1;
  } else if (name == "single-source-spray") {
    config->spray.count = 1;
  } else if (name == "covert-network") {
    config->covert.count = 1;
  } else if (name == "mixed") {
    config->brute_force.count = 2;
    config->spray.count = 1;
    config->covert.count = 1;
    config->noise.count = 1;
  } else {
    return Status::InvalidArgument(fmt::format("unknown preset '{}': must be one of {}", name,
                                               fmt::join(PresetNames(), ", ")));
  }
  return Status::Ok();
}

Status ApplySimulationSetting(std::string_view assignment, SimulationConfig* config) {
  const size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    return Status::InvalidArgument(
        fmt::format("--set '{}': expected KEY=VALUE, e.g. covert.pool_size=8000", assignment));
  }
  const std::string_view key = assignment.substr(0, eq);
  const std::string_view text = assignment.substr(eq + 1);
  const Setting* s = FindSetting(key);
  if (s == nullptr) {
    return Status::InvalidArgument(fmt::format("unknown setting '{}' (in --set '{}'); known: {}",
                                               key, assignment,
                                               fmt::join(KnownSimulationKeys(), ", ")));
  }
  const char* end = text.data() + text.size();
  void* field = s->field(*config);
  if (s->kind == Kind::kInt) {
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) {
      return Status::InvalidArgument(
          fmt::format("invalid {} '{}': must be an integer", s->key, text));
    }
    *static_cast<int64_t*>(field) = value;
  } else {
    double value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty() || !std::isfinite(value)) {
      return Status::InvalidArgument(
          fmt::format("invalid {} '{}': must be a number", s->key, text));
    }
    *static_cast<double*>(field) = value;
  }
  const double stored = ValueOf(*s, *config);
  if (!(stored >= s->min && stored <= s->max)) return OutOfRange(*s, text);
  return Status::Ok();
}

std::vector<std::string> KnownSimulationKeys() {
  std::vector<std::string> keys;
  for (const Setting& s : Settings()) keys.emplace_back(s.key);
  return keys;
}

std::string RenderSimulationConfig(const SimulationConfig& config) {
  std::string out;
  for (const Setting& s : Settings()) {
    out += fmt::format("{} = {}\n", s.key, ValueText(s, config));
  }
  return out;
}

}  // namespace spraytrace::simulate
