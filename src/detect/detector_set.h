// DetectorSet: several Detectors fed the same events, in the order they were added, so the
// per-source rules and the distributed rules see every event. Owns its detectors. When given a
// KnownDevices memory shared by its detectors, it records each login there once, after every
// detector has seen the event (so a detector asking "was this a known device?" at the event
// sees the memory as it was before it), and expires it once an hour of event time.
// Not thread-safe.
#ifndef SPRAYTRACE_DETECT_DETECTOR_SET_H_
#define SPRAYTRACE_DETECT_DETECTOR_SET_H_

#include <limits>
#include <memory>
#include <vector>

#include "detect/detector.h"
#include "detect/known_devices.h"

namespace spraytrace::detect {

class DetectorSet final : public Detector {
 public:
  // shared: the memory the detectors were constructed with, or null. REQUIRES: it outlives this.
  explicit DetectorSet(KnownDevices* shared = nullptr) : shared_(shared) {}

  // REQUIRES: detector != nullptr.
  void Add(std::unique_ptr<Detector> detector) { detectors_.push_back(std::move(detector)); }

  void Observe(const AuthEvent& event, FindingSink* sink) override {
    for (auto& d : detectors_) d->Observe(event, sink);
    if (shared_) shared_->Observe(event);
  }
  void Prefetch(const AuthEvent& event) const override {
    for (const auto& d : detectors_) d->Prefetch(event);
    if (shared_) shared_->Prefetch(event);
  }
  void AdvanceTime(Timestamp now, FindingSink* sink) override {
    for (auto& d : detectors_) d->AdvanceTime(now, sink);
    if (shared_ && now - last_expire_ >= kMicrosPerHour) {
      shared_->Expire(now);
      last_expire_ = now;
    }
  }
  void Finish(FindingSink* sink) override {
    for (auto& d : detectors_) d->Finish(sink);
  }
  // The shared memory, the expiry clock, then each detector in the order added. REQUIRES for
  // Load: the same detectors added in the same order, with the same settings.
  void Save(Timestamp now, store::StateEncoder* out) const override {
    out->BeginSection("detector_set");
    out->PutI64(last_expire_);
    out->PutBool(shared_ != nullptr);
    if (shared_) shared_->Save(now, out);
    out->PutU64(detectors_.size());
    for (const auto& d : detectors_) d->Save(now, out);
    out->EndSection();
  }
  bool Load(store::StateDecoder* in) override {
    if (!in->EnterSection("detector_set")) return false;
    last_expire_ = in->I64();
    if (in->Bool() != (shared_ != nullptr) && in->ok()) in->Fail("shared login memory mismatch");
    if (in->ok() && shared_) shared_->Load(in);
    if (in->U64() != detectors_.size() && in->ok()) in->Fail("saved with other detectors");
    for (auto& d : detectors_) {
      if (!in->ok() || !d->Load(in)) break;
    }
    return in->LeaveSection();
  }

 private:
  std::vector<std::unique_ptr<Detector>> detectors_;
  KnownDevices* shared_;
  Timestamp last_expire_ = std::numeric_limits<Timestamp>::min() / 2;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_DETECTOR_SET_H_
