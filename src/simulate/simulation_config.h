// SimulationConfig: every parameter of `spraytrace simulate`, with its default in place.
//
// Every numeric field is a `--set` key named "section.field" (e.g. covert.pool_size=8000);
// ApplySimulationSetting() parses one, Validate() checks every range with a message naming the
// key and the value: "invalid covert.active_share '1.5': must be between 0 and 1". Presets set
// the scenario counts (ApplyPreset). The model behind the benign fields is docs/simulator.md.
// Plain value type.
#ifndef SPRAYTRACE_SIMULATE_SIMULATION_CONFIG_H_
#define SPRAYTRACE_SIMULATE_SIMULATION_CONFIG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "event/timestamp.h"

namespace spraytrace::simulate {

// Every value has a row in simulate/log_formats.cc (name, file, writer).
enum class LogFormat : uint8_t {
  kSshdSyslog,
  kSshdJournal,
  kEcs,
  kCsv,
  kWindowsJson,
  kWindowsXml,
  kOpenVpn,
  kGlobalProtect,
  kFortigate,
  kCiscoAsa,
  kEntraSentinel,
  kEntraAzureMonitor,
  kEntraGraph,
  kM365Ual,
  kM365PurviewCsv,
};
std::string_view LogFormatName(LogFormat format);  // "sshd-syslog", "sshd-journal", ...
bool ParseLogFormat(std::string_view name, LogFormat* format);

// The organisation's own people, devices and machines.
struct BenignConfig {
  int64_t users = 2000;                        // people with an account
  double weekday_active_share = 0.85;          // share of users who log in on a weekday
  double weekend_active_share = 0.12;          // ... on a Saturday or Sunday
  double sessions_per_active_day = 3.0;        // mean logins of an active user on a weekday
  int64_t work_start_hour = 8;                 // working hours (UTC) ...
  int64_t work_end_hour = 18;                  // ... most weekday logins fall inside
  double key_share = 0.6;                      // laptops/desktops that log in with a key
  double phone_share = 0.35;                   // users with an SSH client on their phone (password)
  double phone_session_share = 0.15;           // share of their logins made from the phone
  double office_share = 0.7;                   // users who work at the office (behind its NAT)
  double office_session_share = 0.75;          // their weekday working-hours logins from the office
  int64_t office_egress_addresses = 2;         // the office NAT's public addresses
  int64_t mobile_pool_size = 300;              // carrier-grade NAT addresses shared by all phones
  double ipv6_home_share = 0.2;                // homes with IPv6, used for half their logins
  double typo_share = 0.1;                     // password logins that start with a typo
  double travel_rate = 0.002;                  // trips started per user per day
  int64_t travel_days = 4;                     // mean trip length (2..2x-2 days)
  double password_change_rate = 0.004;         // password changes per phone user per day
  double stale_phone_days = 1.5;               // mean time a phone retries the old password
  double stale_phone_interval_minutes = 30;    // mean time between its retries (07:00-23:00)
  int64_t service_accounts = 6;                // automation accounts logging in with keys ...
  int64_t misconfigured_service_accounts = 2;  // ... of which this many fail, every interval
  int64_t service_interval_minutes = 15;       // schedule of every service account
  double session_minutes = 40;                 // mean interactive session length
};

// One source, one to a few accounts, fast.
struct BruteForceConfig {
  int64_t count = 0;                 // scenarios (sources)
  double rate = 1.0;                 // guesses per second
  int64_t duration_minutes = 20;     // length of the burst
  int64_t max_accounts = 3;          // accounts tried, 1..this
  int64_t tries_per_connection = 6;  // guesses per connection; 6 hits sshd's MaxAuthTries
};

// One source, many accounts, one or two passwords, minutes apart.
struct SpraySingleSourceConfig {
  int64_t count = 0;               // scenarios (sources)
  int64_t accounts = 300;          // accounts tried
  int64_t passwords = 1;           // passes over the list (1..2)
  double interval_seconds = 120;   // mean time between guesses
  double nonexistent_share = 0.3;  // share of the list that has no account here
};

// CovertNetwork-1658-like: thousands of residential routers, ~1 guess per account per day.
struct CovertNetworkConfig {
  int64_t count = 0;                      // 0 or 1
  int64_t pool_size = 8000;               // compromised routers (distinct addresses)
  double active_share = 0.2;              // share of the pool active on any day
  double node_lifetime_days = 21;         // mean active stint of a node (geometric)
  int64_t targets = 2000;                 // harvested target list
  double nonexistent_share = 0.3;         // share of the list that has no account here
  double rate = 1.0;                      // guesses per targeted account per day
  double ipv6_share = 0.1;                // share of nodes with an IPv6 address ...
  double ipv6_one_64_share = 0.5;         // ... of which this share sit in one /64
  int64_t ipv4_prefixes = 600;            // /16s the IPv4 nodes are spread over
  double shared_fingerprint_share = 0.9;  // nodes that end attempts the same way (TCP close)
  int64_t known_passwords = 3;            // accounts whose password the attacker has
  int64_t start_day = 2;                  // first day of the campaign (1-based, clamped)
  int64_t days = 0;                       // campaign length; 0 = to the end of the period
};

// Opportunistic internet guessing of root/admin/test from many addresses, a few tries each.
struct BackgroundNoiseConfig {
  int64_t count = 0;              // 0 or 1
  int64_t sources_per_day = 120;  // new addresses each day
  int64_t max_attempts = 4;       // guesses per address, 1..this
};

struct SimulationConfig {
  uint64_t seed = 1;
  int64_t days = 7;
  Timestamp start = 0;  // midnight UTC of the first day; 0 means DefaultStart()
  LogFormat format = LogFormat::kSshdSyslog;
  std::string host = "bastion";  // syslog host name of the server
  BenignConfig benign;
  BruteForceConfig brute_force;
  SpraySingleSourceConfig spray;
  CovertNetworkConfig covert;
  BackgroundNoiseConfig noise;

  // Checks every key's range and the cross-field rules.
  Status Validate() const;
};

Timestamp DefaultStart();  // 2026-11-02T00:00:00Z, a Monday

// "benign", "brute-force", "single-source-spray", "covert-network", "mixed": sets the scenario
// counts (benign traffic is always on). Unknown names are an error listing the known ones.
Status ApplyPreset(std::string_view name, SimulationConfig* config);
std::vector<std::string> PresetNames();
// "key=value" for any key of KnownSimulationKeys().
Status ApplySimulationSetting(std::string_view assignment, SimulationConfig* config);
std::vector<std::string> KnownSimulationKeys();
// Every key with its value, one "key = value" per line.
std::string RenderSimulationConfig(const SimulationConfig& config);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_SIMULATION_CONFIG_H_
