// BenignTraffic: the organisation's own logins, day by day (the model is docs/simulator.md).
// People log in during working hours from home, from the office NAT, from their phone through
// the carrier's NAT pool, or from a hotel abroad; they mistype passwords; a phone keeps trying
// an old password after a change; service accounts log in on a schedule, some failing every
// time. Mutates the population's per-user state (trips, stale phones, phone addresses).
// Not thread-safe.
#ifndef SPRAYTRACE_SIMULATE_BENIGN_TRAFFIC_H_
#define SPRAYTRACE_SIMULATE_BENIGN_TRAFFIC_H_

#include <vector>

#include "simulate/connection.h"
#include "simulate/population.h"
#include "simulate/rng.h"
#include "simulate/simulation_config.h"

namespace spraytrace::simulate {

class BenignTraffic {
 public:
  // REQUIRES: population outlives this object.
  BenignTraffic(const BenignConfig& config, Population* population)
      : config_(config), population_(population) {}

  // Appends the day's benign connections (any order) to *out.
  void GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out);

 private:
  void UserDay(User* user, const Day& day, Rng* rng, std::vector<Connection>* out);
  void StartEpisodes(User* user, const Day& day, Rng* rng);
  Timestamp SessionTime(const Day& day, Rng* rng) const;
  uint32_t Address(User* user, const Device& device, const Day& day, Timestamp t, Rng* rng);
  void PasswordLogin(const Connection& base, Rng* rng, std::vector<Connection>* out) const;
  void StalePhone(User* user, const Day& day, Rng* rng, std::vector<Connection>* out);
  void Services(const Day& day, Rng* rng, std::vector<Connection>* out) const;
  uint32_t SessionSeconds(Rng* rng) const;

  BenignConfig config_;
  Population* population_;
};

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_BENIGN_TRAFFIC_H_
