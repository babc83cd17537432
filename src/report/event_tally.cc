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
    char text[IpAddress::kMaxTextSize];
    failing_sources_.AddText(event.source_ip.Format(text));
  } else if (event.source_host != kNoString) {
    failing_sources_.AddText(pool_->View(event.source_host));
  }
  if (event.user_canonical != kNoString) failing_accounts_.Add(event.user_canonical);
}

}  // namespace spraytrace::report
