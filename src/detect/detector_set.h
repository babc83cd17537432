// DetectorSet: several Detectors fed the same events, in the order they were added, so the
// per-source rules and the distributed rules see every event. Owns its detectors. Not
// thread-safe.
#ifndef SPRAYTRACE_DETECT_DETECTOR_SET_H_
#define SPRAYTRACE_DETECT_DETECTOR_SET_H_

#include <memory>
#include <vector>

#include "detect/detector.h"

namespace spraytrace::detect {

class DetectorSet final : public Detector {
 public:
  // REQUIRES: detector != nullptr.
  void Add(std::unique_ptr<Detector> detector) { detectors_.push_back(std::move(detector)); }

  void Observe(const AuthEvent& event, FindingSink* sink) override {
    for (auto& d : detectors_) d->Observe(event, sink);
  }
  void AdvanceTime(Timestamp now, FindingSink* sink) override {
    for (auto& d : detectors_) d->AdvanceTime(now, sink);
  }
  void Finish(FindingSink* sink) override {
    for (auto& d : detectors_) d->Finish(sink);
  }

 private:
  std::vector<std::unique_ptr<Detector>> detectors_;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_DETECTOR_SET_H_
