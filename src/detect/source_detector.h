// SourceDetector: the per-source rules (design.md detections 1 and 2) over the event stream.
//
// Per source (IP address; host name when the log gave no address; events with neither are
// ignored) it keeps one SourceState for the current episode. Rules are evaluated as events
// arrive and remember when each first fired (`triggered` is the crossing event's time); findings
// are written when the episode closes, i.e. once the source has been quiet for
// episodes.idle_gap, so each carries complete counts:
//   - brute_force.burst: >= brute_force.max_failures failures within find_window, any accounts
//     (fail2ban parity). Aborted attempts (client gone without a verdict) count as failures,
//     like fail2ban's aggressive mode: a bot that drops the connection after each guess is still
//     guessing. Severity 3 when the source later succeeded for an account it had failed on.
//   - single_source_spray.breadth: within spray.window (spray_window.h), failed-only accounts
//     >= min_failed_accounts, mean failures per failed-only account <= max_failures_per_account
//     and succeeded accounts <= max_success_ratio x failed-only accounts.
//   - brute_force.slow: neither of the above fired; slow_rule.h.
// Precedence between them: episode_report.h. Successes and password-correct results (MFA
// required, expired password) count as successes; every other result as a failure.
//
// Time is event time only. Events may arrive out of order by minutes; nothing assumes monotonic
// time. AdvanceTime() is cheap: it looks for idle sources only when `now` has moved more than
// idle_gap / 8 past the previous look, so an episode may close up to idle_gap / 8 late, and then
// only at the sources that may have gone idle (a time-ordered queue), not at every open one.
// Memory: sources are evicted when their episode closes; per-source state is bounded
// (source_state.h). An episode of one event so far (most of a covert network's: one guess per
// node and day) is kept as that event, and becomes a SourceState at its second; the rules then
// see it exactly as if it had been one all along. Findings written by one AdvanceTime() or Finish()
// come out ordered by triggered time, then source, rule_id, start, end and account. Not
// thread-safe: one detector per pipeline (or per shard of sources).
#ifndef SPRAYTRACE_DETECT_SOURCE_DETECTOR_H_
#define SPRAYTRACE_DETECT_SOURCE_DETECTOR_H_

#include <limits>
#include <memory>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/node_hash_map.h"
#include "detect/detector.h"
#include "detect/detector_config.h"
#include "detect/known_devices.h"
#include "detect/source_state.h"
#include "detect/time_queue.h"
#include "event/string_pool.h"

namespace spraytrace::detect {

class SourceDetector final : public Detector {
 public:
  // REQUIRES: config.Validate().ok(); strings holds every id of the events observed and outlives
  // the detector (findings name accounts and host names through it). shared: a login memory
  // shared with other detectors, which its owner records into (DetectorSet); null to keep and
  // record one of its own. REQUIRES: shared outlives the detector.
  SourceDetector(const DetectorConfig& config, const StringPool* strings,
                 KnownDevices* shared = nullptr);
  SourceDetector(const SourceDetector&) = delete;
  SourceDetector& operator=(const SourceDetector&) = delete;

  void Observe(const AuthEvent& event, FindingSink* sink) override;
  void AdvanceTime(Timestamp now, FindingSink* sink) override;
  void Finish(FindingSink* sink) override;
  // Open episodes are saved whole (their findings are still to come), and the login memory
  // when the detector keeps its own.
  void Save(Timestamp now, store::StateEncoder* out) const override;
  bool Load(store::StateDecoder* in) override;
  // Same open episodes and memory (snapshot tests).
  bool SameState(const SourceDetector& other) const;

  // Sources with an open episode (for tests and memory reporting).
  void Prefetch(const AuthEvent& event) const override;
  size_t size() const { return sources_.size() + singles_.size(); }

 private:
  // Node-based (an episode's state is large and stays put); SwissTable probing, which finds a
  // source in fewer cache misses than std::unordered_map's bucket chains.
  using SourceMap = absl::node_hash_map<SourceKey, SourceState, SourceKeyHash>;
  using SingleMap = absl::flat_hash_map<SourceKey, AuthEvent, SourceKeyHash>;

  // Applies the event to the episode. record_login: tell the login memory of a login now (false
  // when replaying a single's event, which was told at the time).
  void Update(const AuthEvent& event, SourceState* state, bool record_login = true) const;
  void UpdateAccount(const AuthEvent& event, bool success, uint32_t slot, SourceState* state,
                     bool record_login) const;
  void ObserveFailure(const AuthEvent& event, uint32_t slot, SourceState* state) const;
  void ObserveBurst(const AuthEvent& event, uint32_t slot, SourceState* state) const;
  void ObserveSpray(const AuthEvent& event, bool success, uint32_t slot, SourceState* state) const;
  void AppendSlow(const AuthEvent& event, uint32_t slot, SourceState* state) const;
  // The closed episode's findings, as they come (a source back after its idle gap).
  void WriteEpisode(const SourceState& state, FindingSink* sink) const;
  // A single's first event as the episode Observe would have built from it.
  SourceState Promote(const SourceKey& key, const AuthEvent& first) const;
  // Whether the episode of one event can report anything. Most episodes are one login or one
  // guess (a person, a covert node): closing them need not build the episode. Every rule needs a
  // failure; all but the burst need two or more (DetectorConfig::Validate), and the burst's
  // threshold may be one failure.
  bool SingleMayReport(const AuthEvent& first) const {
    return !IsLogin(first) && config_.brute_force.enabled && config_.brute_force.max_failures <= 1;
  }
  // What Observe did to the login memory for a new episode's first event.
  void RecordFirstEvent(const SourceKey& key, const AuthEvent& event);
  // Every open episode, singles promoted (snapshot comparison).
  SourceMap AllEpisodes() const;
  // Closes the sources named (each open, at most once), writing findings in the stable order.
  void Close(const std::vector<SourceKey>& keys, FindingSink* sink);
  // Sources whose episode ended before `cutoff`, taken off the queue.
  std::vector<SourceKey> TakeIdle(Timestamp cutoff);
  void RebuildQueue();

  const DetectorConfig config_;
  const StringPool* const strings_;
  // The memory the rules read: known_devices.max_failures == 0 turns it off (an empty one).
  const KnownDevices& Known() const {
    return config_.known_devices.max_failures == 0 ? off_ : *known_;
  }

  SourceMap sources_;
  SingleMap singles_;  // sources whose open episode has one event, never in sources_ too
  // One entry per open source: a time at or before its episode's end, so the sources idle
  // before a cutoff are among the entries before it. An entry whose source is still active when
  // taken is put back with the episode's end.
  TimeQueue<SourceKey> idle_queue_;
  std::unique_ptr<KnownDevices> owned_;  // when not shared
  KnownDevices* known_;
  const KnownDevices off_{0, 0};
  Timestamp last_scan_ = std::numeric_limits<Timestamp>::min();
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_SOURCE_DETECTOR_H_
