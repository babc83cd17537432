#include "report/event_tally.h"

namespace spraytrace::report {

void EventTally::Observe(const AuthEvent& event) {
  if (events_ == 0 || event.time < first_) first_ = event.time;
  if (events_ == 0 || event.time > last_) last_ = event.time;
  ++events_;
  timeline_.Add(event.time, event.outcome == Outcome::kSuccess);
  if (event.outcome == Outcome::kSuccess) {
    ++successes_;
    return;
  }
  ++failures_;
  if (event.has_source_ip) {
    failing_sources_.Add(event.source_ip.ToString());
  } else if (event.source_host != kNoString) {
    failing_sources_.Add(std::string(pool_->View(event.source_host)));
  }
  if (event.user_canonical != kNoString) failing_accounts_.Add(event.user_canonical);
}

}  // namespace spraytrace::report
