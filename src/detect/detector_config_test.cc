#include "detect/detector_config.h"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace spraytrace::detect {
namespace {

TEST(DetectorConfig, DefaultsAreValid) { EXPECT_TRUE(DetectorConfig().Validate().ok()); }

struct BadCase {
  std::function<void(DetectorConfig*)> edit;
  std::string message;
};

TEST(DetectorConfig, EveryFieldIsCheckedWithAnExactMessage) {
  const std::vector<BadCase> cases = {
      {[](DetectorConfig* c) { c->brute_force.max_failures = 0; },
       "invalid brute_force.max_failures '0': must be >= 1"},
      {[](DetectorConfig* c) { c->brute_force.max_failures = 10'001; },
       "invalid brute_force.max_failures '10001': must be <= 10000"},
      {[](DetectorConfig* c) { c->brute_force.find_window = 0; },
       "invalid brute_force.find_window '0s': must be > 0"},
      {[](DetectorConfig* c) { c->brute_force.max_success_ratio = -1; },
       "invalid brute_force.max_success_ratio '-1': must be >= 0"},
      {[](DetectorConfig* c) { c->spray.min_failed_accounts = 1; },
       "invalid spray.min_failed_accounts '1': must be >= 2"},
      {[](DetectorConfig* c) { c->spray.window = 0; }, "invalid spray.window '0s': must be > 0"},
      {[](DetectorConfig* c) { c->spray.window = -5 * kMicrosPerMinute; },
       "invalid spray.window '-5m': must be > 0"},
      {[](DetectorConfig* c) { c->spray.max_failures_per_account = 0.5; },
       "invalid spray.max_failures_per_account '0.5': must be >= 1"},
      {[](DetectorConfig* c) { c->spray.max_success_ratio = -0.1; },
       "invalid spray.max_success_ratio '-0.1': must be >= 0"},
      {[](DetectorConfig* c) {
         c->spray.max_success_ratio = std::numeric_limits<double>::quiet_NaN();
       },
       "invalid spray.max_success_ratio 'nan': must be >= 0"},
      {[](DetectorConfig* c) { c->slow.min_failures = 1; },
       "invalid slow.min_failures '1': must be >= 2"},
      {[](DetectorConfig* c) { c->slow.window = 0; }, "invalid slow.window '0s': must be > 0"},
      {[](DetectorConfig* c) { c->slow.min_span = -kMicrosPerSecond; },
       "invalid slow.min_span '-1s': must be >= 0"},
      {[](DetectorConfig* c) { c->slow.min_span = 2 * kMicrosPerDay; },
       "invalid slow.min_span '2d': must be <= slow.window (1d)"},
      {[](DetectorConfig* c) { c->slow.max_success_ratio = -2; },
       "invalid slow.max_success_ratio '-2': must be >= 0"},
      {[](DetectorConfig* c) { c->episodes.idle_gap = 0; },
       "invalid episodes.idle_gap '0s': must be > 0"},
      {[](DetectorConfig* c) { c->episodes.max_related_users = 0; },
       "invalid episodes.max_related_users '0': must be >= 1"},
      {[](DetectorConfig* c) { c->episodes.max_evidence = 0; },
       "invalid episodes.max_evidence '0': must be >= 1"},
      {[](DetectorConfig* c) { c->episodes.max_accounts_per_source = 0; },
       "invalid episodes.max_accounts_per_source '0': must be >= 1"},
  };
  for (const BadCase& bad : cases) {
    DetectorConfig config;
    bad.edit(&config);
    const Status status = config.Validate();
    ASSERT_FALSE(status.ok()) << bad.message;
    EXPECT_EQ(status.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.message(), bad.message);
  }
}

TEST(DetectorConfig, DisabledRulesAndBoundaryValuesAreValid) {
  DetectorConfig config;
  config.brute_force.enabled = false;
  config.spray.enabled = false;
  config.slow.enabled = false;
  config.brute_force.max_failures = 1;
  config.spray.min_failed_accounts = 2;
  config.spray.max_failures_per_account = 1;
  config.spray.max_success_ratio = 0;
  config.slow.min_failures = 2;
  config.slow.min_span = config.slow.window;
  config.episodes.max_related_users = 1;
  EXPECT_TRUE(config.Validate().ok());
}

}  // namespace
}  // namespace spraytrace::detect
