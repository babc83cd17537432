// Detector: consumes AuthEvents in (roughly) event-time order and reports Findings.
//
// Time is event time, never the wall clock: replaying a year of logs gives the same findings as
// watching them live. Events may arrive slightly out of order (a parser may emit an attempt a
// few lines late); detectors tolerate disorder within minutes. State is plain structs in hash
// maps keyed by source or account, so it can be snapshotted and merged later.
#ifndef SPRAYTRACE_DETECT_DETECTOR_H_
#define SPRAYTRACE_DETECT_DETECTOR_H_

#include "detect/finding.h"
#include "event/auth_event.h"

namespace spraytrace::detect {

class Detector {
 public:
  virtual ~Detector() = default;
  virtual void Observe(const AuthEvent& event, FindingSink* sink) = 0;
  // Closes episodes idle since before now - idle_gap and reports them.
  virtual void AdvanceTime(Timestamp now, FindingSink* sink) = 0;
  // End of input: reports every open episode.
  virtual void Finish(FindingSink* sink) = 0;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_DETECTOR_H_
