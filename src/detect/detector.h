// Detector: consumes AuthEvents in (roughly) event-time order and reports Findings.
//
// Time is event time, never the wall clock: replaying a year of logs gives the same findings as
// watching them live. Events may arrive slightly out of order (a parser may emit an attempt a
// few lines late); detectors tolerate disorder within minutes. State is plain structs in hash
// maps keyed by source or account, snapshotted across runs by Save / Load.
#ifndef SPRAYTRACE_DETECT_DETECTOR_H_
#define SPRAYTRACE_DETECT_DETECTOR_H_

#include "detect/finding.h"
#include "event/auth_event.h"
#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::detect {

class Detector {
 public:
  virtual ~Detector() = default;
  virtual void Observe(const AuthEvent& event, FindingSink* sink) = 0;
  // The event after the next one Observe'd (parse::EventSink::Upcoming): prefetches what Observe
  // will look up for it. Changes no state.
  virtual void Prefetch(const AuthEvent& /*event*/) const {}
  // Closes episodes idle since before now - idle_gap and reports them.
  virtual void AdvanceTime(Timestamp now, FindingSink* sink) = 0;
  // End of input: reports every open episode.
  virtual void Finish(FindingSink* sink) = 0;

  // State across runs (docs/detection.md, "State across runs"): everything that affects future
  // findings, as it stands after the last event (before Finish), leaving out what is idle past
  // its memory at event time `now`. Load replaces the detector's state with a saved one, so the
  // next events are judged as if they had followed the saved ones in one run; false when the
  // data is damaged (the reason in in->error()). REQUIRES for Load: the same settings as Save.
  virtual void Save(Timestamp now, store::StateEncoder* out) const = 0;
  virtual bool Load(store::StateDecoder* in) = 0;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_DETECTOR_H_
