// Synthetic AuthEvents for DistributedDetector tests: a harness, and a small spray by 20 nodes
// against 40 accounts that opens a campaign (SmallConfig lowers min_accounts to 10).
#ifndef SPRAYTRACE_DETECT_DISTRIBUTED_TEST_SUPPORT_H_
#define SPRAYTRACE_DETECT_DISTRIBUTED_TEST_SUPPORT_H_

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "detect/detect_test_support.h"
#include "detect/distributed_detector.h"

namespace spraytrace::detect::testing {

inline DetectorConfig SmallConfig() {
  DetectorConfig config;
  config.distributed.min_accounts = 10;
  return config;
}

class DistributedHarness {
 public:
  explicit DistributedHarness(DetectorConfig config = SmallConfig()) : detector_(config, &pool_) {
    EXPECT_TRUE(config.Validate().ok());
  }

  void Add(Timestamp time, std::string_view ip, std::string_view user, Outcome outcome = kFail,
           AuthMethod method = AuthMethod::kPassword) {
    AuthEvent event;
    event.time = time;
    event.source_ip = *IpAddress::Parse(ip);
    event.has_source_ip = true;
    event.user = pool_.Intern(user);
    event.user_canonical = event.user;
    event.outcome = outcome;
    event.reason = outcome == kOk ? Reason::kNone : Reason::kBadPassword;
    event.method = method;
    event.where = {0, ++line_, line_ * 100};
    detector_.Observe(event, &sink_);
  }
  void Advance(Timestamp now) { detector_.AdvanceTime(now, &sink_); }
  const std::vector<Finding>& Finish() {
    detector_.Finish(&sink_);
    return sink_.findings;
  }
  const std::vector<Finding>& findings() const { return sink_.findings; }
  const DistributedDetector& detector() const { return detector_; }

 private:
  StringPool pool_;
  DistributedDetector detector_;
  CollectingFindingSink sink_;
  uint64_t line_ = 0;
};

inline std::vector<const Finding*> Of(const std::vector<Finding>& findings, Rule rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : findings) {
    if (f.rule == rule) out.push_back(&f);
  }
  return out;
}

inline std::string Account(int i) { return fmt::format("user{}", i); }
// Spray node j: one address per /24, scattered over residential /16s.
inline std::string Node(int j) { return fmt::format("198.{}.{}.7", 18 + j % 100, j); }

// Nodes 0..19 each fail once against accounts 2j and 2j+1, one attempt per account.
inline void Spray(DistributedHarness* h, Timestamp start) {
  for (int j = 0; j < 20; ++j) {
    h->Add(start + j * 10 * kMinute, Node(j), Account(2 * j));
    h->Add(start + j * 10 * kMinute + 5 * kMinute, Node(j), Account(2 * j + 1));
  }
}

}  // namespace spraytrace::detect::testing

#endif  // SPRAYTRACE_DETECT_DISTRIBUTED_TEST_SUPPORT_H_
