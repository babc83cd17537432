// EventTally: run-wide counts for the terminal summary and the HTML report: events by outcome,
// the time span, failures and successes over time, and the sources and accounts with the most
// failures. Bounded memory (TopCounter, EventHistogram). Not thread-safe.
#ifndef SPRAYTRACE_REPORT_EVENT_TALLY_H_
#define SPRAYTRACE_REPORT_EVENT_TALLY_H_

#include <cstdint>
#include <string>

#include "event/auth_event.h"
#include "report/event_histogram.h"
#include "report/top_counter.h"

namespace spraytrace::report {

class EventTally {
 public:
  // REQUIRES: pool outlives the tally; needed to name sources logged as host names.
  explicit EventTally(const StringPool* pool) : pool_(pool) {}

  void Observe(const AuthEvent& event);

  uint64_t events() const { return events_; }
  uint64_t failures() const { return failures_; }
  uint64_t successes() const { return successes_; }
  Timestamp first_time() const { return first_; }
  Timestamp last_time() const { return last_; }
  // Failures and successes per hour (coarser for long spans).
  const EventHistogram& timeline() const { return timeline_; }
  // Sources keyed by their text (an address, or the host name a log gave instead).
  const TopCounter<std::string>& failing_sources() const { return failing_sources_; }
  const TopCounter<StringId>& failing_accounts() const { return failing_accounts_; }

 private:
  uint64_t events_ = 0;
  uint64_t failures_ = 0;
  uint64_t successes_ = 0;
  Timestamp first_ = 0;
  Timestamp last_ = 0;
  EventHistogram timeline_;
  TopCounter<std::string> failing_sources_;
  TopCounter<StringId> failing_accounts_;
  const StringPool* pool_;
};

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_EVENT_TALLY_H_
