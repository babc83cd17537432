// The loud attacks, one class per scenario kind, each writing one truth scenario:
//  - BruteForce: one source, one to a few accounts, fast (default 1 guess/s for 20 minutes,
//    six guesses per connection until MaxAuthTries), on a random day of the period;
//  - SingleSourceSpray: one source, many accounts (default 300, 30% non-existent), one or two
//    passwords, a guess every couple of minutes;
//  - BackgroundNoise: the internet's opportunistic guessing, new addresses every day, a few
//    tries each at root/admin/test and friends.
// Each draws its fixed choices (day, address, accounts) from the setup stream at construction
// and its per-day traffic from the day's stream. Not thread-safe.
#ifndef SPRAYTRACE_SIMULATE_ATTACK_SCENARIOS_H_
#define SPRAYTRACE_SIMULATE_ATTACK_SCENARIOS_H_

#include <vector>

#include "simulate/connection.h"
#include "simulate/population.h"
#include "simulate/rng.h"
#include "simulate/simulation_config.h"

namespace spraytrace::simulate {

// Distinct random existing person accounts, at most count.
std::vector<uint32_t> SampleUsers(const Population& population, size_t count, Rng* rng);

class BruteForce {
 public:
  BruteForce(const BruteForceConfig& config, int16_t scenario, int64_t days, Population* population,
             Rng* setup);
  void GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out) const;

 private:
  BruteForceConfig config_;
  int16_t scenario_;
  int64_t day_ = 0;
  double start_hour_ = 0;
  uint32_t address_ = 0;
  std::vector<uint32_t> accounts_;
  Ending ending_ = Ending::kByeBye;  // of connections that stop before MaxAuthTries
};

class SingleSourceSpray {
 public:
  SingleSourceSpray(const SpraySingleSourceConfig& config, int16_t scenario, int64_t days,
                    Population* population, Rng* setup);
  void GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out) const;

 private:
  SpraySingleSourceConfig config_;
  int16_t scenario_;
  int64_t day_ = 0;
  double start_hour_ = 0;
  uint32_t address_ = 0;
  std::vector<uint32_t> accounts_;
  Ending ending_ = Ending::kClosed;
};

class BackgroundNoise {
 public:
  BackgroundNoise(const BackgroundNoiseConfig& config, int16_t scenario, Population* population);
  void GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out);

 private:
  BackgroundNoiseConfig config_;
  int16_t scenario_;
  Population* population_;
  std::vector<uint32_t> names_;  // the usual suspects, root first
};

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_ATTACK_SCENARIOS_H_
