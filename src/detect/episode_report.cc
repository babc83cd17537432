#include "detect/episode_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "detect/finding_text.h"
#include "detect/slow_rule.h"

namespace spraytrace::detect {
namespace {

// Facts every finding of the episode shares.
struct Episode {
  const SourceState& state;
  const DetectorConfig& config;
  const StringPool& strings;
  const KnownDevices& known;
  std::vector<const AccountStats*> failed;  // by failures, descending
  std::string source;
  size_t failed_only = 0;  // accounts that failed and never succeeded from the source
  size_t succeeded = 0;    // accounts that succeeded from the source
  uint64_t failed_only_failures = 0;
};

constexpr size_t kAccountsInSummary = 3;
// Fewer accounts logging in than this is one household or one attacker, never a shared address.
constexpr size_t kSharedMinAccounts = 3;

std::string Accounts(const Episode& e) {
  const size_t n = e.failed.size();
  const char* prefix = e.state.untracked_events > 0 ? "at least " : "";
  return fmt::format("{}{} account{}", prefix, n, n == 1 ? "" : "s");
}

// "203.0.113.5 failed 286 times against 3 accounts (root 280, admin 4, test 2) in 4h12m"
std::string FailedPart(const Episode& e) {
  return fmt::format("{} failed {} time{} against {} ({}) in {}", e.source, e.state.failures,
                     e.state.failures == 1 ? "" : "s", Accounts(e),
                     AccountList(e.failed, e.strings, kAccountsInSummary),
                     FormatSpan(e.state.end - e.state.start));
}

// "; then succeeded for root", or "" when the source never got in after failing.
std::string SucceededPart(const Episode& e) {
  std::vector<std::string_view> names;
  for (const AccountStats* stats : e.failed) {
    if (stats->succeeded_after_failure) names.push_back(e.strings.View(stats->user));
  }
  if (names.empty()) return "";
  if (names.size() > kAccountsInSummary) {
    return fmt::format("; then succeeded for {} and {} more",
                       fmt::join(names.begin(), names.begin() + kAccountsInSummary, ", "),
                       names.size() - kAccountsInSummary);
  }
  return fmt::format("; then succeeded for {}", fmt::join(names, ", "));
}

bool SameEvent(const SavedEvent& a, const SavedEvent& b) {
  return a.time == b.time && a.where.file == b.where.file && a.where.line == b.where.line &&
         a.where.offset == b.where.offset;
}

// Cites up to max_evidence distinct events, taken in priority order and listed by time.
void AddEvidence(const Episode& e, const std::vector<SavedEvent>& by_priority, Finding* finding) {
  std::vector<SavedEvent> chosen;
  for (const SavedEvent& event : by_priority) {
    if (chosen.size() >= static_cast<size_t>(e.config.episodes.max_evidence)) break;
    if (!event.valid) continue;
    const auto same = [&](const SavedEvent& c) { return SameEvent(c, event); };
    if (std::none_of(chosen.begin(), chosen.end(), same)) chosen.push_back(event);
  }
  std::stable_sort(chosen.begin(), chosen.end(),
                   [](const SavedEvent& a, const SavedEvent& b) { return a.time < b.time; });
  for (const SavedEvent& event : chosen) {
    finding->evidence.push_back({event.where, event.time, DescribeEvent(event, e.strings)});
  }
}

Finding MakeFinding(const Episode& e, Rule rule, std::string rule_id, const SavedEvent& trigger) {
  Finding f;
  f.rule = rule;
  f.rule_id = std::move(rule_id);
  f.triggered = trigger.time;
  f.start = e.state.start;
  f.end = e.state.end;
  if (e.state.key.host == kNoString) {
    f.source_ip = e.state.key.ip;
    f.related_ips = {e.state.key.ip};
  } else {
    f.source_host = std::string(e.strings.View(e.state.key.host));
  }
  const auto max_users = static_cast<size_t>(e.config.episodes.max_related_users);
  for (size_t i = 0; i < e.failed.size() && i < max_users; ++i) {
    f.related_users.emplace_back(e.strings.View(e.failed[i]->user));
  }
  if (e.failed.size() == 1 && e.state.untracked_events == 0) f.user_name = f.related_users[0];
  f.failures = e.state.failures;
  f.successes = e.state.successes;
  f.distinct_accounts = e.failed.size();
  f.unknown_account_failures = e.state.unknown_user_failures;
  return f;
}

Finding BurstFinding(const Episode& e, const Trigger& trigger) {
  const BruteForceConfig& c = e.config.brute_force;
  Finding f = MakeFinding(e, Rule::kBruteForce, "brute_force.burst", trigger.event);
  const std::string succeeded = SucceededPart(e);
  f.severity = succeeded.empty() ? 2 : 3;
  const double peak = static_cast<double>(e.state.peak_rate);
  f.confidence = std::min(1.0, 0.5 + 0.5 * peak / (4.0 * c.max_failures));
  const std::string window = FormatSpan(c.find_window);
  f.summary = fmt::format("{}; {} failures within {} (threshold {} in {}){}", FailedPart(e),
                          e.state.peak_rate, window, c.max_failures, window, succeeded);
  AddEvidence(e,
              {trigger.event, e.state.first_failure, e.state.last_failure,
               e.state.first_success_after_failure},
              &f);
  return f;
}

Finding SprayFinding(const Episode& e) {
  const SpraySingleSourceConfig& c = e.config.spray;
  Finding f =
      MakeFinding(e, Rule::kSingleSourceSpray, "single_source_spray.breadth", e.state.spray.event);
  f.severity = 3;
  const double breadth =
      static_cast<double>(e.state.peak_failed_only) / (4.0 * c.min_failed_accounts);
  f.confidence = std::min(1.0, 0.5 + 0.4 * std::min(1.0, breadth) + (e.succeeded == 0 ? 0.1 : 0.0));
  const double mean = e.failed_only == 0 ? 0.0
                                         : static_cast<double>(e.failed_only_failures) /
                                               static_cast<double>(e.failed_only);
  uint64_t unknown = 0;
  for (const AccountStats* stats : e.failed) unknown += stats->unknown_user_failures > 0 ? 1 : 0;
  const std::string unknown_part =
      unknown == 0 ? "" : fmt::format(", {} of them accounts that do not exist", unknown);
  f.summary = fmt::format(
      "{}{}; {} accounts failed within {} with {:.1f} tries each and {} logged in "
      "(threshold: {} accounts, at most {:g} tries each){}",
      FailedPart(e), unknown_part, e.state.peak_failed_only, FormatSpan(c.window), mean,
      e.succeeded == 0 ? std::string("none") : std::to_string(e.succeeded), c.min_failed_accounts,
      c.max_failures_per_account, SucceededPart(e));
  AddEvidence(e,
              {e.state.spray.event, e.state.first_failure, e.state.last_failure,
               e.state.first_success_after_failure},
              &f);
  return f;
}

// The logins a spraying source made once it had started failing, to accounts that had not
// logged in from its address or network before: the guesses that worked. A login before the
// spray's first failure, or by an account the address knows, is its owner's.
std::vector<const LoginAfterFailures*> GuessedLogins(const Episode& e) {
  std::vector<const LoginAfterFailures*> out;
  const SourceState& s = e.state;
  if (!s.spray.fired || !s.first_failure.valid) return out;
  for (const LoginAfterFailures& login : s.logins_after_failures) {
    if (login.event.time < s.first_failure.time) continue;
    const StringId account = s.accounts.at(login.slot).user;
    if (e.known.LoggedInBefore(s.key, account, login.event.time) ||
        e.known.LoggedInFromNetworkBefore(s.key, account, login.event.time)) {
      continue;
    }
    out.push_back(&login);
  }
  return out;
}

// compromise.single_source: a login by a source whose spray fired (docs/detection.md).
Finding GuessedLoginFinding(const Episode& e, const SavedEvent& login) {
  Finding f = MakeFinding(e, Rule::kCompromise, "compromise.single_source", login);
  f.severity = 4;
  f.confidence = 0.8;
  f.triggered = std::max(login.time, e.state.spray.event.time);
  f.start = login.time;  // the login, as every compromise finding
  f.end = login.time;
  f.user_name = std::string(e.strings.View(login.user));
  f.related_users = {f.user_name};
  f.successes = 1;
  f.summary = fmt::format(
      "{} logged in from {}, an address that had never logged in to it, while spraying: it "
      "failed {} time{} against {} ({}) in {}",
      f.user_name, e.source, e.state.failures, e.state.failures == 1 ? "" : "s", Accounts(e),
      AccountList(e.failed, e.strings, kAccountsInSummary),
      FormatSpan(e.state.end - e.state.start));
  f.evidence.push_back({login.where, login.time, DescribeEvent(login, e.strings)});
  const SavedEvent& first = e.state.first_failure;
  f.evidence.insert(f.evidence.begin(), {first.where, first.time, DescribeEvent(first, e.strings)});
  return f;
}

SavedEvent FromSlowEntry(const Episode& e, const SlowEntry& entry) {
  const StringId user = entry.slot == kNoAccount ? kNoString : e.state.accounts.at(entry.slot).user;
  return SavedEvent{true,         entry.time,  entry.where, user, Outcome::kFailure,
                    entry.reason, entry.method};
}

Finding SlowFinding(const Episode& e, const SlowResult& r) {
  const SlowSourceConfig& c = e.config.slow;
  const SavedEvent trigger = FromSlowEntry(e, r.trigger);
  Finding f = MakeFinding(e, Rule::kBruteForce, "brute_force.slow", trigger);
  f.severity = 2;
  const double level = static_cast<double>(r.in_window) / (4.0 * c.min_failures);
  f.confidence = std::min(0.9, 0.4 + 0.5 * level);
  const std::string ignored =
      r.ignored == 0 ? ""
                     : fmt::format(", not counting {} on accounts that also logged in", r.ignored);
  const std::string burst_window = FormatSpan(e.config.brute_force.find_window);
  f.summary = fmt::format(
      "{}; never more than {} within {} (burst threshold {}), but {} within {} spread over {} "
      "(threshold {} over at least {}){}",
      FailedPart(e), e.state.peak_rate, burst_window, e.config.brute_force.max_failures,
      r.in_window, FormatSpan(c.window), FormatSpan(r.trigger.time - r.first.time), c.min_failures,
      FormatSpan(c.min_span), ignored);
  AddEvidence(e, {trigger, FromSlowEntry(e, r.first), e.state.last_failure}, &f);
  return f;
}

Episode Summarise(const SourceState& state, const DetectorConfig& config, const StringPool& strings,
                  const KnownDevices& known) {
  Episode e{state,
            config,
            strings,
            known,
            FailedAccountsByFailures(state.accounts, strings),
            SourceName(state.key, strings)};
  for (const AccountStats& stats : state.accounts.accounts()) {
    if (stats.successes > 0) {
      ++e.succeeded;
    } else if (stats.failures > 0) {
      ++e.failed_only;
      e.failed_only_failures += stats.failures;
    }
  }
  return e;
}

// A shared address (office NAT): several people log in from it and they outnumber the accounts
// that only failed. Its bursts are typos unless they hit accounts that never logged in.
bool IsShared(const Episode& e) {
  const double limit = e.config.brute_force.max_success_ratio * static_cast<double>(e.failed_only);
  return e.succeeded >= kSharedMinAccounts && static_cast<double>(e.succeeded) > limit;
}

bool NeverSucceeded(const Episode& e, const ConcentratedBurst& burst) {
  return std::all_of(burst.slots.begin(), burst.slots.end(), [&](uint32_t slot) {
    return slot == kNoAccount || e.state.accounts.at(slot).successes == 0;
  });
}

// The first concentrated burst worth reporting, or null.
const Trigger* ConcentratedToReport(const Episode& e, bool shared) {
  for (const ConcentratedBurst& burst : e.state.concentrated) {
    if (!shared || NeverSucceeded(e, burst)) return &burst.trigger;
  }
  return nullptr;
}

// Every account that failed had logged in from this source before its first failure (in this
// episode or, remembered, in an earlier one), and none failed often: the owner's own device with
// a forgotten or changed password.
bool OnlyKnownDeviceFailures(const Episode& e) {
  const int limit = e.config.known_devices.max_failures;
  if (limit == 0) return false;
  return std::all_of(e.failed.begin(), e.failed.end(), [&](const AccountStats* stats) {
    const bool logged_in_before =
        stats->first_success < stats->first_failure ||
        e.known.LoggedInBefore(e.state.key, stats->user, stats->first_failure) ||
        e.known.LoggedInFromNetworkBefore(e.state.key, stats->user, stats->first_failure);
    return logged_in_before && stats->failures <= static_cast<uint32_t>(limit);
  });
}

// The burst to report: with a spray, only a concentrated one; from a shared address, only a
// concentrated one against accounts that never logged in; none when only the owners' own devices
// failed; otherwise the first burst.
const Trigger* BurstToReport(const Episode& e) {
  if (!e.state.burst.fired) return nullptr;
  if (!e.state.spray.fired && OnlyKnownDeviceFailures(e)) return nullptr;
  const bool shared = IsShared(e);
  if (e.state.spray.fired || shared) return ConcentratedToReport(e, shared);
  return &e.state.burst;
}

}  // namespace

std::vector<Finding> BuildEpisodeFindings(const SourceState& state, const DetectorConfig& config,
                                          const StringPool& strings, const KnownDevices& known) {
  std::vector<Finding> out;
  const Episode e = Summarise(state, config, strings, known);
  if (state.spray.fired) out.push_back(SprayFinding(e));
  for (const LoginAfterFailures* login : GuessedLogins(e)) {
    out.push_back(GuessedLoginFinding(e, login->event));
  }
  if (const Trigger* burst = BurstToReport(e)) out.push_back(BurstFinding(e, *burst));
  if (!state.spray.fired && !state.burst.fired && config.slow.enabled) {
    const SlowResult slow = EvaluateSlow(state, config.slow, known);
    if (slow.fired) out.push_back(SlowFinding(e, slow));
  }
  return out;
}

}  // namespace spraytrace::detect
