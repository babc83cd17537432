// EventSink: where parsers deliver AuthEvents. Implemented by the pipeline (feeds detectors) and
// by tests (collects into a vector).
#ifndef SPRAYTRACE_PARSE_EVENT_SINK_H_
#define SPRAYTRACE_PARSE_EVENT_SINK_H_

#include <vector>

#include "event/auth_event.h"

namespace spraytrace::parse {

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void OnEvent(const AuthEvent& event) = 0;
  // A hint that `event` is the one after the next OnEvent: a sink may start fetching the memory
  // it will look at for it (detection is bound by cache misses on its maps, not by work). Changes
  // nothing a sink reports.
  virtual void Upcoming(const AuthEvent& /*event*/) {}
};

class CollectingSink final : public EventSink {
 public:
  void OnEvent(const AuthEvent& event) override { events.push_back(event); }
  std::vector<AuthEvent> events;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_EVENT_SINK_H_
