// SprayWindow: the single-source spray rule's view of one source's accounts within spray.window.
//
// An account is in the window while its last attempt from the source is no older than `window`
// before the newest event time seen from the source. Approximation (documented for the rule):
// an account's window counts run from when it entered the window until it leaves it, so an
// account tried at least once per window keeps accumulating instead of sliding attempt by
// attempt. That is exact for a spray (few attempts per account, all inside one window) and errs
// towards more failures per account, i.e. towards quiet, for long-lived busy sources.
//
// Aggregates are kept incrementally, so each event costs O(log accounts): a min-heap holds one
// entry per in-window account, keyed by the account's last attempt when pushed; an entry that
// reaches the front stale (the account was tried again since) is pushed again with its new time.
// Bounded by the account table. Not thread-safe; plain value type.
#ifndef SPRAYTRACE_DETECT_SPRAY_WINDOW_H_
#define SPRAYTRACE_DETECT_SPRAY_WINDOW_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "detect/account_table.h"

namespace spraytrace::detect {

class SprayWindow {
 public:
  // Records one attempt on `slot` at `time`; `now` is the newest event time from the source.
  // REQUIRES: the account's `last` already includes `time`; slot != kNoAccount.
  void Observe(AccountTable* table, uint32_t slot, Timestamp time, bool failure, Timestamp now,
               Micros window);

  // In-window accounts that failed and did not succeed, their failures, and those that succeeded.
  uint32_t failed_only() const { return failed_only_; }
  uint64_t failed_only_failures() const { return failed_only_failures_; }
  uint32_t succeeded() const { return succeeded_; }

  // State across runs (source_state_codec.cc). Load fails on a slot past `accounts`.
  void Save(store::StateEncoder* out) const;
  bool Load(store::StateDecoder* in, size_t accounts);
  bool operator==(const SprayWindow&) const = default;

 private:
  void Expire(AccountTable* table, Timestamp cutoff);
  void Contribute(const AccountStats& stats, int sign);

  // (time pushed, slot); std::push_heap with greater<> keeps the oldest at the front.
  std::vector<std::pair<Timestamp, uint32_t>> heap_;
  uint32_t failed_only_ = 0;
  uint64_t failed_only_failures_ = 0;
  uint32_t succeeded_ = 0;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_SPRAY_WINDOW_H_
