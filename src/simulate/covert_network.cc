#include "simulate/covert_network.h"

#include <algorithm>
#include <cmath>

#include "simulate/attack_scenarios.h"

namespace spraytrace::simulate {
namespace {

constexpr double kSecondsPerDay = 86400;

Timestamp At(const Day& day, double seconds) {
  return day.start + static_cast<Timestamp>(seconds * static_cast<double>(kMicrosPerSecond));
}

}  // namespace

CovertNetwork::CovertNetwork(const CovertNetworkConfig& config, int16_t scenario, int64_t days,
                             Population* population, Rng* setup)
    : config_(config), scenario_(scenario) {
  first_day_ = std::clamp<int64_t>(config.start_day - 1, 0, days - 1);
  last_day_ = config.days == 0 ? days - 1 : std::min(days - 1, first_day_ + config.days - 1);
  BuildPool(population, setup);
  BuildTargets(population, setup);
}

void CovertNetwork::BuildPool(Population* population, Rng* setup) {
  const auto pool = static_cast<size_t>(config_.pool_size);
  const auto v6 = static_cast<size_t>(std::llround(static_cast<double>(pool) * config_.ipv6_share));
  const auto one64 =
      static_cast<size_t>(std::llround(static_cast<double>(v6) * config_.ipv6_one_64_share));
  std::vector<uint32_t> prefixes;
  for (int64_t i = 0; i < config_.ipv4_prefixes; ++i)
    prefixes.push_back(ResidentialPrefix16(setup));
  const IpAddress prefix64 = ResidentialV6(setup).Masked(64);
  AddressBook& book = population->addresses;
  nodes_.resize(pool);
  for (size_t i = 0; i < pool; ++i) {
    Node& node = nodes_[i];
    if (i < one64) {
      node.address = book.AddUnique([&] { return HostInPrefix64(prefix64, setup); });
    } else if (i < v6) {
      node.address = book.AddUnique([&] { return ResidentialV6(setup); });
    } else {
      const uint32_t prefix = prefixes[setup->Below(prefixes.size())];
      node.address = book.AddUnique([&] { return HostInPrefix16(prefix, setup); });
    }
    node.active = setup->Chance(config_.active_share);
    node.ending =
        setup->Chance(config_.shared_fingerprint_share) ? Ending::kClosed : Ending::kByeBye;
  }
}

void CovertNetwork::BuildTargets(Population* population, Rng* setup) {
  const double share = config_.nonexistent_share;
  const auto want =
      static_cast<size_t>(std::llround(static_cast<double>(config_.targets) * (1 - share)));
  targets_ = SampleUsers(*population, want, setup);
  const size_t existing = targets_.size();
  const auto nonexistent =
      existing == want
          ? static_cast<size_t>(config_.targets) - existing
          : static_cast<size_t>(std::llround(static_cast<double>(existing) * share / (1 - share)));
  const auto known = std::min(existing, static_cast<size_t>(config_.known_passwords));
  for (size_t i = 0; i < known; ++i) known_.insert(targets_[i]);
  for (size_t i = 0; i < nonexistent; ++i) {
    targets_.push_back(MakeNonexistentName(setup, &population->accounts));
  }
  setup->Shuffle(&targets_);
}

// One day of the on/off chain: stints end with probability 1/lifetime, and idle nodes start
// with the probability that keeps the active share stationary.
void CovertNetwork::Churn(Rng* rng) {
  const double stop = 1.0 / config_.node_lifetime_days;
  const double p = config_.active_share;
  const double start = p >= 1 ? 1.0 : std::min(1.0, stop * p / (1 - p));
  for (Node& node : nodes_) node.active = node.active ? !rng->Chance(stop) : rng->Chance(start);
}

void CovertNetwork::GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out) {
  if (day.index > first_day_) Churn(rng);
  if (day.index < first_day_ || day.index > last_day_) return;
  std::vector<size_t> active;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].active) active.push_back(i);
  }
  if (active.empty()) active.push_back(rng->Below(nodes_.size()));
  rng->Shuffle(&active);
  const double whole = std::floor(config_.rate);
  std::vector<uint32_t> guesses;
  for (uint32_t account : targets_) {
    const int n = static_cast<int>(whole) + (rng->Chance(config_.rate - whole) ? 1 : 0);
    for (int k = 0; k < n; ++k) guesses.push_back(account);
  }
  rng->Shuffle(&guesses);
  for (size_t i = 0; i < guesses.size(); ++i) {
    const Timestamp t = At(day, rng->Uniform(0, kSecondsPerDay));
    Guess(nodes_[active[i % active.size()]], guesses[i], t, day, active, rng, out);
  }
}

void CovertNetwork::Guess(const Node& node, uint32_t account, Timestamp t, const Day& day,
                          const std::vector<size_t>& active, Rng* rng,
                          std::vector<Connection>* out) {
  Connection c;
  c.start = t;
  c.address = node.address;
  c.account = account;
  c.port = static_cast<uint16_t>(rng->Between(1024, 65535));
  c.human = false;
  c.scenario = scenario_;
  if (known_.erase(account) == 0) {
    c.failures = 1;
    c.ending = node.ending;
    out->push_back(c);
    return;
  }
  // The password works: a login, and the attacker back the same day from another node.
  c.ending = Ending::kAcceptedPassword;
  c.compromise = true;
  c.session_seconds = static_cast<uint32_t>(rng->Between(20, 300));
  out->push_back(c);
  targets_.erase(std::find(targets_.begin(), targets_.end(), account));
  const Timestamp day_end = day.start + kMicrosPerDay;
  const Timestamp later = t + static_cast<Timestamp>(rng->Uniform(600, 14400) * 1e6);
  c.start = std::min(later, t + (day_end - t) / 2);
  const size_t other = active.size() > 1 ? 1 + rng->Below(active.size() - 1) : 0;
  c.address = nodes_[active[other]].address == node.address && active.size() > 1
                  ? nodes_[active[0]].address
                  : nodes_[active[other]].address;
  c.port = static_cast<uint16_t>(rng->Between(1024, 65535));
  c.compromise = false;
  c.session_seconds = static_cast<uint32_t>(rng->Between(60, 1800));
  out->push_back(c);
}

}  // namespace spraytrace::simulate
