// Config mistakes must be reported with the key, the value and the rule, never ignored.
#include "cli/config_file.h"

#include <gtest/gtest.h>

namespace spraytrace::cli {
namespace {

using detect::DetectorConfig;

TEST(ConfigFile, AppliesEveryKindOfValue) {
  DetectorConfig config;
  const Status s = ApplyConfigText(R"(
[brute_force]
max_failures = 3
find_window = "1h"
[spray]
enabled = false
max_success_ratio = 0.5
max_failures_per_account = 2
[slow]
min_span = "2h30m"
)",
                                   "test.toml", &config);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(config.brute_force.max_failures, 3);
  EXPECT_EQ(config.brute_force.find_window, kMicrosPerHour);
  EXPECT_FALSE(config.spray.enabled);
  EXPECT_EQ(config.spray.max_success_ratio, 0.5);
  EXPECT_EQ(config.spray.max_failures_per_account, 2.0);
  EXPECT_EQ(config.slow.min_span, 150 * kMicrosPerMinute);
  EXPECT_TRUE(config.Validate().ok());
}

TEST(ConfigFile, UnknownKeyIsNamedWithTheKnownOnes) {
  DetectorConfig config;
  const Status s = ApplyConfigText("[brute_force]\nmax_failure = 3\n", "site.toml", &config);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("site.toml: unknown setting 'brute_force.max_failure'"),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("brute_force.max_failures"), std::string::npos);
}

TEST(ConfigFile, WrongTypeNamesKeyValueAndExpectedType) {
  DetectorConfig config;
  Status s = ApplyConfigText("[brute_force]\nmax_failures = \"five\"\n", "a.toml", &config);
  EXPECT_EQ(s.message(), "a.toml: invalid brute_force.max_failures 'five': must be an integer");
  s = ApplyConfigText("[spray]\nwindow = \"tomorrow\"\n", "a.toml", &config);
  EXPECT_NE(s.message().find("invalid spray.window 'tomorrow': must be a duration"),
            std::string::npos)
      << s.message();
  s = ApplyConfigText("[slow]\nenabled = 1\n", "a.toml", &config);
  EXPECT_EQ(s.message(), "a.toml: invalid slow.enabled '1': must be true or false");
}

TEST(ConfigFile, SyntaxErrorsCiteLineAndColumn) {
  DetectorConfig config;
  const Status s = ApplyConfigText("[brute_force]\nmax_failures = = 3\n", "b.toml", &config);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("b.toml:2:", 0), 0u) << s.message();
}

TEST(ConfigFile, MissingFileIsNotFound) {
  DetectorConfig config;
  const Status s = ApplyConfigFile("/nonexistent/spraytrace.toml", &config);
  EXPECT_EQ(s.code(), ErrorCode::kNotFound) << s.ToString();
}

TEST(ApplySetting, OverridesOneKeyAndRejectsBadForms) {
  DetectorConfig config;
  ASSERT_TRUE(ApplySetting("spray.window=48h", &config).ok());
  EXPECT_EQ(config.spray.window, 48 * kMicrosPerHour);
  EXPECT_FALSE(ApplySetting("spray.window", &config).ok());
  EXPECT_FALSE(ApplySetting("nope.key=1", &config).ok());
  EXPECT_EQ(ApplySetting("brute_force.max_failures=2x", &config).message(),
            "--set: invalid brute_force.max_failures '2x': must be an integer");
}

TEST(RenderConfig, RoundTripsThroughTheLoader) {
  DetectorConfig changed;
  changed.brute_force.max_failures = 7;
  changed.slow.window = 3 * kMicrosPerDay;
  DetectorConfig loaded;
  ASSERT_TRUE(ApplyConfigText(RenderConfig(changed), "rendered", &loaded).ok());
  EXPECT_EQ(RenderConfig(loaded), RenderConfig(changed));
  EXPECT_EQ(loaded.slow.window, 3 * kMicrosPerDay);
}

}  // namespace
}  // namespace spraytrace::cli
