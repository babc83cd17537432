#include "simulate/attack_scenarios.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace spraytrace::simulate {
namespace {

constexpr std::array<std::string_view, 20> kNoiseNames = {
    "root",     "admin",  "test",      "user",  "ubuntu",  "oracle", "postgres",
    "pi",       "git",    "ftpuser",   "guest", "support", "debian", "centos",
    "ec2-user", "hadoop", "minecraft", "steam", "nagios",  "deploy"};

Timestamp AtSeconds(Timestamp base, double seconds) {
  return base + static_cast<Timestamp>(seconds * static_cast<double>(kMicrosPerSecond));
}

uint16_t BotPort(Rng* rng) { return static_cast<uint16_t>(rng->Between(32768, 60999)); }

Connection BotConnection(Timestamp t, uint32_t address, uint32_t account, int16_t scenario,
                         Rng* rng) {
  Connection c;
  c.start = t;
  c.address = address;
  c.account = account;
  c.port = BotPort(rng);
  c.human = false;
  c.scenario = scenario;
  return c;
}

}  // namespace

std::vector<uint32_t> SampleUsers(const Population& population, size_t count, Rng* rng) {
  std::vector<uint32_t> picked;
  const size_t n = population.users.size();
  count = std::min(count, n);
  std::vector<uint32_t> index(n);
  for (size_t i = 0; i < n; ++i) index[i] = static_cast<uint32_t>(i);
  for (size_t i = 0; i < count; ++i) {
    std::swap(index[i], index[i + rng->Below(n - i)]);
    picked.push_back(population.users[index[i]].account);
  }
  return picked;
}

BruteForce::BruteForce(const BruteForceConfig& config, int16_t scenario, int64_t days,
                       Population* population, Rng* setup)
    : config_(config), scenario_(scenario) {
  day_ = static_cast<int64_t>(setup->Below(static_cast<uint64_t>(days)));
  start_hour_ = setup->Uniform(0, 23);
  address_ = population->addresses.AddUnique([&] { return AnyPublicV4(setup); });
  const auto count = static_cast<size_t>(setup->Between(1, config.max_accounts));
  if (setup->Chance(0.6)) accounts_.push_back(population->root);
  for (uint32_t account : SampleUsers(*population, count, setup)) {
    if (accounts_.size() < count) accounts_.push_back(account);
  }
  while (accounts_.size() < count)
    accounts_.push_back(MakeNonexistentName(setup, &population->accounts));
  ending_ = setup->Chance(0.5) ? Ending::kClosed : Ending::kByeBye;  // before MaxAuthTries
}

void BruteForce::GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out) const {
  if (day.index != day_) return;
  const auto total = static_cast<int64_t>(
      std::llround(config_.rate * static_cast<double>(config_.duration_minutes) * 60));
  const double per_connection_seconds =
      static_cast<double>(config_.tries_per_connection) / config_.rate;
  Timestamp t = AtSeconds(day.start, start_hour_ * 3600);
  size_t k = 0;
  for (int64_t sent = 0; sent < total; sent += config_.tries_per_connection, ++k) {
    Connection c = BotConnection(t, address_, accounts_[k % accounts_.size()], scenario_, rng);
    c.failures = static_cast<uint8_t>(std::min(config_.tries_per_connection, total - sent));
    c.ending = c.failures == 6 ? Ending::kMaxAuth : ending_;
    out->push_back(c);
    t = AtSeconds(t, per_connection_seconds * rng->Uniform(0.9, 1.1));
  }
}

SingleSourceSpray::SingleSourceSpray(const SpraySingleSourceConfig& config, int16_t scenario,
                                     int64_t days, Population* population, Rng* setup)
    : config_(config), scenario_(scenario) {
  day_ = static_cast<int64_t>(setup->Below(static_cast<uint64_t>(days)));
  start_hour_ = setup->Uniform(0, 20);
  address_ = population->addresses.AddUnique([&] { return AnyPublicV4(setup); });
  const auto total = static_cast<size_t>(config.accounts);
  const auto existing = static_cast<size_t>(
      std::llround(static_cast<double>(total) * (1 - config.nonexistent_share)));
  accounts_ = SampleUsers(*population, existing, setup);
  while (accounts_.size() < total) {
    accounts_.push_back(MakeNonexistentName(setup, &population->accounts));
  }
  setup->Shuffle(&accounts_);
  ending_ = setup->Chance(0.5) ? Ending::kClosed : Ending::kByeBye;
}

void SingleSourceSpray::GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out) const {
  if (day.index != day_) return;
  Timestamp t = AtSeconds(day.start, start_hour_ * 3600);
  for (int64_t pass = 0; pass < config_.passwords; ++pass) {
    for (uint32_t account : accounts_) {
      Connection c = BotConnection(t, address_, account, scenario_, rng);
      c.failures = 1;
      c.ending = ending_;
      out->push_back(c);
      t = AtSeconds(t, config_.interval_seconds * rng->Uniform(0.5, 1.5));
    }
  }
}

BackgroundNoise::BackgroundNoise(const BackgroundNoiseConfig& config, int16_t scenario,
                                 Population* population)
    : config_(config), scenario_(scenario), population_(population) {
  for (std::string_view name : kNoiseNames) names_.push_back(population->accounts.Intern(name));
}

void BackgroundNoise::GenerateDay(const Day& day, Rng* rng, std::vector<Connection>* out) {
  for (int64_t i = 0; i < config_.sources_per_day; ++i) {
    const uint32_t address = population_->addresses.AddUnique([&] { return AnyPublicV4(rng); });
    const Ending ending = rng->Chance(0.5) ? Ending::kClosed : Ending::kByeBye;
    Timestamp t = AtSeconds(day.start, rng->Uniform(0, 86400));
    const int64_t attempts = rng->Between(1, config_.max_attempts);
    for (int64_t k = 0; k < attempts; ++k) {
      const uint32_t account = rng->Chance(0.4) ? names_[0] : names_[rng->Below(names_.size())];
      Connection c = BotConnection(t, address, account, scenario_, rng);
      c.failures = 1;
      c.ending = ending;
      out->push_back(c);
      t = AtSeconds(t, rng->Uniform(2, 40));
    }
  }
}

}  // namespace spraytrace::simulate
