// FindingLedger: which findings a run reported early, so the next run does not report them as
// new (docs/findings.md, "Across runs").
//
// With state kept across runs (`scan --state`), a run saves the detectors as they stand after
// its last event and then, like any scan, reports what is still open (episodes not yet idle,
// the campaign's current period, logins not yet settled): reported early, with the counts so
// far. The next run restores the saved state, so those findings come again when they really
// close, with complete counts. The ledger remembers the early ones by identity (KeyOf) and the
// next run marks their second report `continued`: an update of something already reported,
// not a new alert. Bounded: an early report that never comes again is forgotten after `keep`.
// Not thread-safe.
#ifndef SPRAYTRACE_DETECT_FINDING_LEDGER_H_
#define SPRAYTRACE_DETECT_FINDING_LEDGER_H_

#include <string>
#include <unordered_map>

#include "detect/finding.h"
#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::detect {

class FindingLedger {
 public:
  // A finding's identity across runs: its rule, source, account and campaign, and the time that
  // does not move as evidence grows: when the rule fired (per-source rules, a campaign period),
  // the login (compromise, whose variant may change with later evidence); none for
  // account_targeted, which is judged at ticks (its entry's time bounds the match instead).
  static std::string KeyOf(const Finding& finding);

  // A finding reported during the run, final: marked continued when an earlier run reported it
  // early. Returns whether it was.
  bool OnReported(Finding* finding);
  // A finding reported at the end of this run, early: marked continued the same way, and
  // remembered for the next run.
  bool OnReportedEarly(Finding* finding);

  // Section "finding_ledger": this run's early reports and the earlier ones not yet seen again
  // that are younger than now - keep.
  void Save(Timestamp now, Micros keep, store::StateEncoder* out) const;
  bool Load(store::StateDecoder* in);
  size_t size() const { return earlier_.size() + early_.size(); }

 private:
  bool Match(const Finding& finding, const std::string& key);

  std::unordered_map<std::string, Timestamp> earlier_;  // loaded: earlier runs' early reports
  std::unordered_map<std::string, Timestamp> early_;    // this run's
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_FINDING_LEDGER_H_
