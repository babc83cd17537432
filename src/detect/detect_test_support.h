// Synthetic AuthEvents for detector tests: a fixed epoch, short time units, and a Harness that
// builds events and runs them through one SourceDetector, collecting findings.
#ifndef SPRAYTRACE_DETECT_DETECT_TEST_SUPPORT_H_
#define SPRAYTRACE_DETECT_DETECT_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detect/source_detector.h"

namespace spraytrace::detect::testing {

constexpr Timestamp kT0 = 1'709'596'800 * kMicrosPerSecond;  // 2024-03-05T00:00:00Z
constexpr Micros kSecond = kMicrosPerSecond;
constexpr Micros kMinute = kMicrosPerMinute;
constexpr Micros kHour = kMicrosPerHour;
constexpr Micros kDay = kMicrosPerDay;

constexpr Outcome kFail = Outcome::kFailure;
constexpr Outcome kOk = Outcome::kSuccess;

// Builds events and runs them through one detector, collecting findings.
class Harness {
 public:
  explicit Harness(DetectorConfig config = DetectorConfig()) : detector_(config, &pool_) {
    EXPECT_TRUE(config.Validate().ok());
  }

  AuthEvent Make(Timestamp time, std::string_view ip, std::string_view user,
                 Outcome outcome = kFail, Reason reason = Reason::kBadPassword) {
    AuthEvent event;
    event.time = time;
    if (auto parsed = IpAddress::Parse(ip)) {
      event.source_ip = *parsed;
      event.has_source_ip = true;
    } else if (!ip.empty()) {
      event.source_host = pool_.Intern(ip);
    }
    event.user = pool_.Intern(user);
    event.user_canonical = event.user;
    event.outcome = outcome;
    event.reason = outcome == kOk && reason == Reason::kBadPassword ? Reason::kNone : reason;
    event.method = AuthMethod::kPassword;
    event.where = {0, ++line_, line_ * 100};
    return event;
  }

  void Add(Timestamp time, std::string_view ip, std::string_view user, Outcome outcome = kFail,
           Reason reason = Reason::kBadPassword) {
    detector_.Observe(Make(time, ip, user, outcome, reason), &sink_);
  }
  void Observe(const AuthEvent& event) { detector_.Observe(event, &sink_); }
  void Advance(Timestamp now) { detector_.AdvanceTime(now, &sink_); }
  const std::vector<Finding>& Finish() {
    detector_.Finish(&sink_);
    return sink_.findings;
  }
  const std::vector<Finding>& findings() const { return sink_.findings; }
  SourceDetector& detector() { return detector_; }

 private:
  StringPool pool_;
  SourceDetector detector_;
  CollectingFindingSink sink_;
  uint64_t line_ = 0;
};

inline IpAddress Ip(std::string_view text) { return *IpAddress::Parse(text); }

inline std::vector<std::string> RuleIds(const std::vector<Finding>& findings) {
  std::vector<std::string> ids;
  for (const Finding& f : findings) ids.push_back(f.rule_id);
  return ids;
}

}  // namespace spraytrace::detect::testing

#endif  // SPRAYTRACE_DETECT_DETECT_TEST_SUPPORT_H_
