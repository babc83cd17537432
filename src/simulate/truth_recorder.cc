#include "simulate/truth_recorder.h"

#include <algorithm>

namespace spraytrace::simulate {
namespace {

Timestamp Truncate(Timestamp t, bool second_resolution) {
  return second_resolution ? t - t % kMicrosPerSecond : t;
}

}  // namespace

int16_t TruthRecorder::AddScenario(std::string id, ScenarioKind kind) {
  Track track;
  track.id = std::move(id);
  track.kind = kind;
  tracks_.push_back(std::move(track));
  return static_cast<int16_t>(tracks_.size() - 1);
}

void TruthRecorder::Record(const Connection& c, const ConnectionTimes& times) {
  if (c.scenario == kBenign) {
    benign_sources_.insert(c.address);
    return;
  }
  Track& track = tracks_[static_cast<size_t>(c.scenario)];
  if (track.attempts == 0 || times.first_attempt < track.start) track.start = times.first_attempt;
  if (track.attempts == 0 || times.last_attempt > track.end) track.end = times.last_attempt;
  track.attempts += AttemptsOf(c);
  if (track.seen_sources.insert(c.address).second) track.sources.push_back(c.address);
  if (track.seen_accounts.insert(c.account).second) track.accounts.push_back(c.account);
  if (c.compromise) compromises_.push_back({c.account, c.address, times.login, c.scenario});
}

void TruthRecorder::Finish(const Population& population, bool second_resolution,
                           GroundTruth* truth) const {
  for (const Track& track : tracks_) {
    Scenario s;
    s.id = track.id;
    s.kind = track.kind;
    s.start = Truncate(track.start, second_resolution);
    s.end = Truncate(track.end, second_resolution);
    s.attempts = track.attempts;
    for (uint32_t a : track.sources) s.sources.push_back(population.addresses.address(a));
    for (uint32_t a : track.accounts) s.targeted_accounts.emplace_back(population.accounts.name(a));
    truth->scenarios.push_back(std::move(s));
  }
  std::vector<CompromiseRecord> sorted = compromises_;
  std::sort(sorted.begin(), sorted.end(),
            [](const CompromiseRecord& a, const CompromiseRecord& b) { return a.time < b.time; });
  for (const CompromiseRecord& c : sorted) {
    truth->compromises.push_back(Compromise{
        std::string(population.accounts.name(c.account)), population.addresses.address(c.address),
        Truncate(c.time, second_resolution), tracks_[static_cast<size_t>(c.scenario)].id});
  }
  truth->benign_sources = benign_sources_.size();
}

}  // namespace spraytrace::simulate
