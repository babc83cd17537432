#include "eval/scorer.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace spraytrace::eval {
namespace {

using simulate::GroundTruth;
using simulate::ScenarioKind;
using UserSet = std::unordered_set<std::string>;

double Ratio(size_t numerator, size_t denominator) {
  return denominator == 0 ? 1.0 : static_cast<double>(numerator) / static_cast<double>(denominator);
}

// related.ip plus source.ip, distinct.
std::vector<IpAddress> NamedAddresses(const FindingRecord& f) {
  std::vector<IpAddress> ips = f.related_ips;
  if (f.source_ip) ips.push_back(*f.source_ip);
  std::sort(ips.begin(), ips.end());
  ips.erase(std::unique(ips.begin(), ips.end()), ips.end());
  return ips;
}

// related.user plus user.name (may repeat).
std::vector<const std::string*> NamedAccounts(const FindingRecord& f) {
  std::vector<const std::string*> users;
  for (const std::string& user : f.related_users) users.push_back(&user);
  if (f.user_name) users.push_back(&*f.user_name);
  return users;
}

size_t CountIn(const std::vector<std::string>& names, const UserSet& set) {
  size_t count = 0;
  for (const std::string& name : names) count += set.count(name);
  return count;
}

std::vector<std::string> Distinct(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

class Scorer {
 public:
  Scorer(const GroundTruth& truth, const FindingsFile& file)
      : truth_(truth), file_(file), users_(truth.scenarios.size()) {}

  Results Run() {
    results_.finding_lines = file_.lines;
    results_.findings = file_.findings.size();
    results_.bad_lines = file_.bad_lines;
    results_.bad_samples = file_.bad_samples;
    IndexSources();
    for (const FindingRecord& f : file_.findings) Observe(f);
    ScoreScenarios();
    ScoreSources();
    ScoreFalsePositives();
    ScoreAccounts();
    ScoreCompromises();
    return std::move(results_);
  }

 private:
  void IndexSources() {
    for (uint32_t i = 0; i < truth_.scenarios.size(); ++i) {
      const simulate::Scenario& s = truth_.scenarios[i];
      ScenarioScore score;
      score.id = s.id;
      score.kind = s.kind;
      score.start = s.start;
      score.end = s.end;
      score.attempts = s.attempts;
      score.targeted_accounts = Distinct(s.targeted_accounts).size();
      results_.scenarios.push_back(std::move(score));
      for (const IpAddress& ip : s.sources) {
        std::vector<uint32_t>& owners = scenarios_of_[ip];
        if (owners.empty() || owners.back() != i) owners.push_back(i);
      }
    }
  }

  // One finding: flags its addresses and credits every scenario that owns one of them.
  void Observe(const FindingRecord& f) {
    ++results_.findings_by_rule[f.rule_name];
    const std::vector<const std::string*> accounts = NamedAccounts(f);
    for (const std::string* user : accounts) all_users_.insert(*user);
    std::vector<uint32_t> hit;
    for (const IpAddress& ip : NamedAddresses(f)) {
      ++flagged_[ip];
      auto owners = scenarios_of_.find(ip);
      if (owners != scenarios_of_.end()) {
        hit.insert(hit.end(), owners->second.begin(), owners->second.end());
      }
    }
    std::sort(hit.begin(), hit.end());
    hit.erase(std::unique(hit.begin(), hit.end()), hit.end());
    for (uint32_t i : hit) {
      ScenarioScore& score = results_.scenarios[i];
      ++score.rules[f.rule_name];
      for (const std::string* user : accounts) users_[i].insert(*user);
      if (f.timestamp >= score.start &&
          (!score.first_finding || f.timestamp < *score.first_finding)) {
        score.first_finding = f.timestamp;
      }
    }
  }

  void ScoreScenarios() {
    for (size_t i = 0; i < truth_.scenarios.size(); ++i) {
      ScenarioScore& score = results_.scenarios[i];
      std::vector<IpAddress> sources = truth_.scenarios[i].sources;
      std::sort(sources.begin(), sources.end());
      sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
      score.sources = sources.size();
      for (const IpAddress& ip : sources) score.flagged += flagged_.count(ip);
      score.recall = Ratio(score.flagged, score.sources);
      if (score.first_finding) score.time_to_first_finding = *score.first_finding - score.start;
      const std::vector<std::string> targeted = Distinct(truth_.scenarios[i].targeted_accounts);
      score.accounts_found = CountIn(targeted, users_[i]);
      score.accounts_found_anywhere = CountIn(targeted, all_users_);
    }
  }

  // True when every scenario that sent from ip is background noise.
  bool NoiseOnly(const std::vector<uint32_t>& owners) const {
    return std::all_of(owners.begin(), owners.end(), [this](uint32_t i) {
      return truth_.scenarios[i].kind == ScenarioKind::kBackgroundNoise;
    });
  }

  void ScoreSources() {
    SourceMetrics& all = results_.all;
    SourceMetrics& targeted = results_.targeted;
    all.malicious = scenarios_of_.size();
    for (const auto& [ip, owners] : scenarios_of_) {
      if (!NoiseOnly(owners)) ++targeted.malicious;
    }
    all.flagged = flagged_.size();
    for (const auto& [ip, count] : flagged_) {
      auto owners = scenarios_of_.find(ip);
      if (owners == scenarios_of_.end()) {
        ++targeted.flagged;
        continue;
      }
      ++all.true_positives;
      if (NoiseOnly(owners->second)) continue;
      ++targeted.flagged;
      ++targeted.true_positives;
    }
    for (SourceMetrics* m : {&all, &targeted}) {
      m->precision = Ratio(m->true_positives, m->flagged);
      m->recall = Ratio(m->true_positives, m->malicious);
    }
  }

  void ScoreFalsePositives() {
    std::vector<FalsePositive> fps;
    for (const auto& [ip, count] : flagged_) {
      if (!scenarios_of_.count(ip)) fps.push_back({ip, count});
    }
    results_.false_positive_count = fps.size();
    std::sort(fps.begin(), fps.end(), [](const FalsePositive& a, const FalsePositive& b) {
      return a.findings != b.findings ? a.findings > b.findings : a.ip < b.ip;
    });
    if (fps.size() > kMaxSample) fps.resize(kMaxSample);
    results_.false_positives = std::move(fps);
  }

  void ScoreAccounts() {
    std::set<std::string> targeted, found;
    for (size_t i = 0; i < truth_.scenarios.size(); ++i) {
      const simulate::Scenario& s = truth_.scenarios[i];
      if (s.kind == ScenarioKind::kBackgroundNoise) continue;
      for (const std::string& account : s.targeted_accounts) {
        targeted.insert(account);
        if (users_[i].count(account)) found.insert(account);
      }
    }
    AccountMetrics& m = results_.accounts;
    m.targeted = targeted.size();
    m.found = found.size();
    for (const std::string& account : targeted) m.found_anywhere += all_users_.count(account);
  }

  void ScoreCompromises();

  const GroundTruth& truth_;
  const FindingsFile& file_;
  Results results_;
  std::unordered_map<IpAddress, std::vector<uint32_t>> scenarios_of_;  // malicious -> scenarios
  std::unordered_map<IpAddress, size_t> flagged_;  // flagged -> findings naming it
  std::vector<UserSet> users_;  // per scenario: accounts named by findings naming its sources
  UserSet all_users_;           // accounts named by any finding
};

void Scorer::ScoreCompromises() {
  CompromiseMetrics& m = results_.compromises;
  UserSet compromised;
  for (const simulate::Compromise& c : truth_.compromises) compromised.insert(c.account);
  // account -> times of compromise findings naming it, sorted
  std::unordered_map<std::string, std::vector<Timestamp>> alerts_for;
  std::set<std::string> false_accounts;
  for (const FindingRecord& f : file_.findings) {
    if (f.rule_name != kCompromiseRule) continue;
    ++m.alerts;
    bool names_compromised = false;
    for (const std::string* user : NamedAccounts(f)) {
      alerts_for[*user].push_back(f.timestamp);
      names_compromised = names_compromised || compromised.count(*user) > 0;
    }
    if (names_compromised) continue;
    ++m.false_alerts;
    for (const std::string* user : NamedAccounts(f)) {
      if (m.false_alert_accounts.size() < kMaxSample && false_accounts.insert(*user).second) {
        m.false_alert_accounts.push_back(*user);
      }
    }
  }
  for (auto& [account, times] : alerts_for) std::sort(times.begin(), times.end());
  std::vector<Micros> delays;
  for (const simulate::Compromise& c : truth_.compromises) {
    CompromiseScore score{c, std::nullopt, std::nullopt};
    auto times = alerts_for.find(c.account);
    if (times != alerts_for.end()) {
      auto at = std::lower_bound(times->second.begin(), times->second.end(), c.time);
      if (at != times->second.end()) {
        score.found_at = *at;
        score.time_to_find = *at - c.time;
        delays.push_back(*score.time_to_find);
      }
    }
    m.items.push_back(std::move(score));
  }
  m.total = truth_.compromises.size();
  m.found = delays.size();
  m.recall = Ratio(m.found, m.total);
  if (!delays.empty()) m.max_time_to_find = *std::max_element(delays.begin(), delays.end());
  m.median_time_to_find = Median(std::move(delays));
}

// value (< floor) with three decimals, or every digit when three would not show it is lower.
std::string ShowBelow(double value, double floor) {
  std::string text = fmt::format("{:.3f}", value);
  if (std::stod(text) >= floor) text = fmt::format("{}", value);
  return text;
}

}  // namespace

Results Score(const GroundTruth& truth, const FindingsFile& findings) {
  return Scorer(truth, findings).Run();
}

std::optional<Micros> Median(std::vector<Micros> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  if (values.size() % 2 == 1) return values[mid];
  const Micros low = values[mid - 1], high = values[mid];
  return low + (high - low) / 2;
}

std::vector<std::string> UnmetFloors(const Results& results, const Floors& floors) {
  std::vector<std::string> unmet;
  const SourceMetrics& all = results.all;
  if (floors.min_recall && all.recall < *floors.min_recall) {
    unmet.push_back(
        fmt::format("recall {} ({} of {} attacking sources flagged) is below "
                    "--min-recall {}",
                    ShowBelow(all.recall, *floors.min_recall), all.true_positives, all.malicious,
                    *floors.min_recall));
  }
  if (floors.min_precision && all.precision < *floors.min_precision) {
    unmet.push_back(
        fmt::format("precision {} ({} of {} flagged sources attacking) is below "
                    "--min-precision {}",
                    ShowBelow(all.precision, *floors.min_precision), all.true_positives,
                    all.flagged, *floors.min_precision));
  }
  return unmet;
}

}  // namespace spraytrace::eval
