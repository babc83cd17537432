#include "simulate/simulation_config.h"

#include <fmt/format.h>

#include "common/settings_table.h"

namespace spraytrace::simulate {
namespace {

using Table = SettingsTable<SimulationConfig>;
using C = SimulationConfig;

// Every --set key: its place in the config and its allowed range; the type is the field's.
const Table& Settings() {
  using Benign = BenignConfig;
  using Brute = BruteForceConfig;
  using Spray = SpraySingleSourceConfig;
  using Covert = CovertNetworkConfig;
  using Noise = BackgroundNoiseConfig;
  static const Table kTable({
      Setting("days", &C::days, {1, 3660}),
      Setting("benign.users", &C::benign, &Benign::users, {1, 10'000'000}),
      Setting("benign.weekday_active_share", &C::benign, &Benign::weekday_active_share, {0, 1}),
      Setting("benign.weekend_active_share", &C::benign, &Benign::weekend_active_share, {0, 1}),
      Setting("benign.sessions_per_active_day", &C::benign, &Benign::sessions_per_active_day,
              {1, 1000}),
      Setting("benign.work_start_hour", &C::benign, &Benign::work_start_hour, {0, 23}),
      Setting("benign.work_end_hour", &C::benign, &Benign::work_end_hour, {1, 24}),
      Setting("benign.key_share", &C::benign, &Benign::key_share, {0, 1}),
      Setting("benign.phone_share", &C::benign, &Benign::phone_share, {0, 1}),
      Setting("benign.phone_session_share", &C::benign, &Benign::phone_session_share, {0, 1}),
      Setting("benign.office_share", &C::benign, &Benign::office_share, {0, 1}),
      Setting("benign.office_session_share", &C::benign, &Benign::office_session_share, {0, 1}),
      Setting("benign.office_egress_addresses", &C::benign, &Benign::office_egress_addresses,
              {1, 256}),
      Setting("benign.mobile_pool_size", &C::benign, &Benign::mobile_pool_size, {1, 60000}),
      Setting("benign.ipv6_home_share", &C::benign, &Benign::ipv6_home_share, {0, 1}),
      Setting("benign.typo_share", &C::benign, &Benign::typo_share, {0, 1}),
      Setting("benign.travel_rate", &C::benign, &Benign::travel_rate, {0, 1}),
      Setting("benign.travel_days", &C::benign, &Benign::travel_days, {2, 365}),
      Setting("benign.password_change_rate", &C::benign, &Benign::password_change_rate, {0, 1}),
      Setting("benign.stale_phone_days", &C::benign, &Benign::stale_phone_days, {0.1, 60}),
      Setting("benign.stale_phone_interval_minutes", &C::benign,
              &Benign::stale_phone_interval_minutes, {1, 1440}),
      Setting("benign.service_accounts", &C::benign, &Benign::service_accounts, {0, 1000}),
      Setting("benign.misconfigured_service_accounts", &C::benign,
              &Benign::misconfigured_service_accounts, {0, 1000}),
      Setting("benign.service_interval_minutes", &C::benign, &Benign::service_interval_minutes,
              {1, 1440}),
      Setting("benign.session_minutes", &C::benign, &Benign::session_minutes, {0.1, 1440}),
      Setting("brute_force.count", &C::brute_force, &Brute::count, {0, 1000}),
      Setting("brute_force.rate", &C::brute_force, &Brute::rate, {0.001, 100}),
      Setting("brute_force.duration_minutes", &C::brute_force, &Brute::duration_minutes, {1, 1440}),
      Setting("brute_force.max_accounts", &C::brute_force, &Brute::max_accounts, {1, 100}),
      Setting("brute_force.tries_per_connection", &C::brute_force, &Brute::tries_per_connection,
              {1, 6}),
      Setting("spray.count", &C::spray, &Spray::count, {0, 1000}),
      Setting("spray.accounts", &C::spray, &Spray::accounts, {1, 1'000'000}),
      Setting("spray.passwords", &C::spray, &Spray::passwords, {1, 2}),
      Setting("spray.interval_seconds", &C::spray, &Spray::interval_seconds, {0.1, 86400}),
      Setting("spray.nonexistent_share", &C::spray, &Spray::nonexistent_share, {0, 1}),
      Setting("covert.count", &C::covert, &Covert::count, {0, 1}),
      Setting("covert.pool_size", &C::covert, &Covert::pool_size, {1, 10'000'000}),
      Setting("covert.active_share", &C::covert, &Covert::active_share, {0.001, 1}),
      Setting("covert.node_lifetime_days", &C::covert, &Covert::node_lifetime_days, {1, 3660}),
      Setting("covert.targets", &C::covert, &Covert::targets, {1, 10'000'000}),
      Setting("covert.nonexistent_share", &C::covert, &Covert::nonexistent_share, {0, 1}),
      Setting("covert.rate", &C::covert, &Covert::rate, {0.001, 1000}),
      Setting("covert.ipv6_share", &C::covert, &Covert::ipv6_share, {0, 1}),
      Setting("covert.ipv6_one_64_share", &C::covert, &Covert::ipv6_one_64_share, {0, 1}),
      Setting("covert.ipv4_prefixes", &C::covert, &Covert::ipv4_prefixes, {1, 20000}),
      Setting("covert.shared_fingerprint_share", &C::covert, &Covert::shared_fingerprint_share,
              {0, 1}),
      Setting("covert.known_passwords", &C::covert, &Covert::known_passwords, {0, 1000}),
      Setting("covert.start_day", &C::covert, &Covert::start_day, {1, 3660}),
      Setting("covert.days", &C::covert, &Covert::days, {0, 3660}),
      Setting("noise.count", &C::noise, &Noise::count, {0, 1}),
      Setting("noise.sources_per_day", &C::noise, &Noise::sources_per_day, {0, 1'000'000}),
      Setting("noise.max_attempts", &C::noise, &Noise::max_attempts, {1, 100}),
  });
  return kTable;
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

Timestamp DefaultStart() { return ToTimestamp(CivilTime{2026, 11, 2, 0, 0, 0, 0}); }

Status SimulationConfig::Validate() const {
  if (Status status = Settings().CheckRanges(*this); !status.ok()) return status;
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
  const Result<Assignment> parsed = ParseAssignment(assignment, "covert.pool_size=8000");
  if (!parsed) return parsed.error();
  const Table::Entry* s = Settings().Find(parsed->key);
  if (s == nullptr) {
    return Status::InvalidArgument(fmt::format("unknown setting '{}' (in --set '{}'); known: {}",
                                               parsed->key, assignment,
                                               fmt::join(KnownSimulationKeys(), ", ")));
  }
  return Settings().ApplyText(*s, parsed->value, "", config);
}

std::vector<std::string> KnownSimulationKeys() { return Settings().Keys(); }

std::string RenderSimulationConfig(const SimulationConfig& config) {
  return Settings().Render(config, SettingsLayout::kFlat);
}

}  // namespace spraytrace::simulate
