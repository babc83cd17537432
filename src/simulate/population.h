// Population: the organisation the simulation logs for. Accounts (people, service accounts,
// root) and the names attackers try that do not exist; each person's devices and addresses;
// the office NAT, the carrier-grade NAT pool the phones share, and the internal service hosts.
// Built once per run from its own random stream (BuildPopulation). Not thread-safe.
#ifndef SPRAYTRACE_SIMULATE_POPULATION_H_
#define SPRAYTRACE_SIMULATE_POPULATION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "simulate/address_book.h"
#include "simulate/rng.h"
#include "simulate/simulation_config.h"

namespace spraytrace::simulate {

// Every user name that appears in the log, existing or not.
class AccountTable {
 public:
  // Adds name (REQUIRES: not present); uid 0 for names that do not exist.
  uint32_t Add(std::string name, bool exists, uint32_t uid);
  // The id of name, adding it as non-existent when new.
  uint32_t Intern(std::string_view name);
  bool Contains(std::string_view name) const { return ids_.count(std::string(name)) > 0; }

  std::string_view name(uint32_t id) const { return names_[id]; }
  bool exists(uint32_t id) const { return exists_[id]; }
  uint32_t uid(uint32_t id) const { return uids_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::vector<bool> exists_;
  std::vector<uint32_t> uids_;
  std::unordered_map<std::string, uint32_t> ids_;
};

struct Device {
  bool phone = false;  // phones use passwords and the carrier's NAT pool
  bool uses_key = false;
  uint32_t key = 0;  // fingerprint id when uses_key
};

struct User {
  uint32_t account = 0;
  std::vector<Device> devices;  // 1..3; a phone, when present, is last
  uint32_t home_v4 = kNoAddress;
  uint32_t home_v6 = kNoAddress;  // kNoAddress when the home has no IPv6
  bool office = false;
  uint32_t mobile = kNoAddress;  // the phone's current carrier NAT address
  // Travel: through day trip_end (exclusive) the laptop logs in from trip_address.
  int64_t trip_end = -1;
  uint32_t trip_address = kNoAddress;
  // Stale password on the phone: it retries until stale_until.
  Timestamp stale_from = 0;
  Timestamp stale_until = 0;

  bool has_phone() const { return !devices.empty() && devices.back().phone; }
};

struct ServiceAccount {
  uint32_t account = 0;
  uint32_t address = kNoAddress;  // internal host, fixed
  uint32_t key = 0;
  bool misconfigured = false;  // fails with a wrong password on every run
  int64_t phase_seconds = 0;   // offset of its schedule
};

struct Population {
  AccountTable accounts;
  AddressBook addresses;
  std::vector<std::string> key_fingerprints;  // "ED25519 SHA256:..." by key id
  std::vector<User> users;
  std::vector<ServiceAccount> services;
  std::vector<uint32_t> office_egress;  // address ids
  std::vector<uint32_t> mobile_pool;    // address ids
  std::vector<uint32_t> home_prefixes;  // residential /16s the users live in
  uint32_t root = 0;                    // the root account id
};

// Builds the users, devices and shared addresses of config.benign.
void BuildPopulation(const BenignConfig& config, Rng* rng, Population* population);

// A name of the harvested kind ("john.smith", "sales", "jsmith2") that is not an account.
uint32_t MakeNonexistentName(Rng* rng, AccountTable* accounts);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_POPULATION_H_
