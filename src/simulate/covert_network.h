// CovertNetwork: a CovertNetwork-1658-like campaign (docs/simulator.md, "Covert network").
//
// A pool of compromised residential routers (default 8,000 addresses over 600 residential /16s,
// 10% IPv6, half of those in one /64). Each node is an on/off Markov chain: active stints last
// node_lifetime_days on average (geometric) and the stationary active share is active_share
// (20%), so on any day about 1,600 nodes are active and nodes churn in and out over weeks.
// Every day of the campaign each account of the harvested target list (default 2,000, 30% of
// them non-existent) gets floor(rate) guesses plus one more with probability frac(rate), at
// uniform times over the whole day; guesses are dealt round-robin over the day's shuffled
// active nodes, so each node sends floor or ceil(guesses / active nodes): one or two with the
// defaults. Most nodes (shared_fingerprint_share) end a failed guess the same way (TCP close).
// For the known_passwords accounts the first guess succeeds (a Compromise), and the attacker
// logs in again the same day from another active node; the account is then left alone.
// Not thread-safe.
#ifndef SPRAYTRACE_SIMULATE_COVERT_NETWORK_H_
#define SPRAYTRACE_SIMULATE_COVERT_NETWORK_H_

#include <unordered_set>
#include <vector>

#include "simulate/connection.h"
#include "simulate/population.h"
#include "simulate/rng.h"
#include "simulate/simulation_config.h"

namespace spraytrace::simulate {

class CovertNetwork {
 public:
  // days: the simulated period's length. Builds the pool and target list from setup.
  CovertNetwork(const CovertNetworkConfig& config, int16_t scenario, int64_t days,
                Population* population, Rng* setup);
  void GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out);

  size_t pool_size() const { return nodes_.size(); }
  int64_t first_day() const { return first_day_; }
  int64_t last_day() const { return last_day_; }

 private:
  struct Node {
    uint32_t address = 0;
    bool active = false;
    Ending ending = Ending::kClosed;
  };
  void BuildPool(Population* population, Rng* setup);
  void BuildTargets(Population* population, Rng* setup);
  void Churn(Rng* rng);
  void Guess(const Node& node, uint32_t account, Timestamp t, const Day& day,
             const std::vector<size_t>& active, Rng* rng, std::vector<Connection>* out);

  CovertNetworkConfig config_;
  int16_t scenario_;
  int64_t first_day_ = 0;
  int64_t last_day_ = 0;
  std::vector<Node> nodes_;
  std::vector<uint32_t> targets_;       // still being guessed
  std::unordered_set<uint32_t> known_;  // passwords the attacker has, not yet used
};

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_COVERT_NETWORK_H_
