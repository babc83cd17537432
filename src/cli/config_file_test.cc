// Config mistakes must be reported with the key, the value and the rule, never ignored.
#include "cli/config_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace spraytrace::cli {
namespace {

TEST(ConfigFile, AppliesEveryKindOfValue) {
  Config config;
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
  EXPECT_EQ(config.detectors.brute_force.max_failures, 3);
  EXPECT_EQ(config.detectors.brute_force.find_window, kMicrosPerHour);
  EXPECT_FALSE(config.detectors.spray.enabled);
  EXPECT_EQ(config.detectors.spray.max_success_ratio, 0.5);
  EXPECT_EQ(config.detectors.spray.max_failures_per_account, 2.0);
  EXPECT_EQ(config.detectors.slow.min_span, 150 * kMicrosPerMinute);
  EXPECT_TRUE(config.Validate().ok());
}

TEST(ConfigFile, UnknownKeyIsNamedWithTheKnownOnes) {
  Config config;
  const Status s = ApplyConfigText("[brute_force]\nmax_failure = 3\n", "site.toml", &config);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("site.toml: unknown setting 'brute_force.max_failure'"),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("brute_force.max_failures"), std::string::npos);
}

TEST(ConfigFile, WrongTypeNamesKeyValueAndExpectedType) {
  Config config;
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
  Config config;
  const Status s = ApplyConfigText("[brute_force]\nmax_failures = = 3\n", "b.toml", &config);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().rfind("b.toml:2:", 0), 0u) << s.message();
}

TEST(ConfigFile, MissingFileIsNotFound) {
  Config config;
  const Status s = ApplyConfigFile("/nonexistent/spraytrace.toml", &config);
  EXPECT_EQ(s.code(), ErrorCode::kNotFound) << s.ToString();
}

TEST(ApplySetting, OverridesOneKeyAndRejectsBadForms) {
  Config config;
  ASSERT_TRUE(ApplySetting("spray.window=48h", &config).ok());
  EXPECT_EQ(config.detectors.spray.window, 48 * kMicrosPerHour);
  EXPECT_FALSE(ApplySetting("spray.window", &config).ok());
  EXPECT_FALSE(ApplySetting("nope.key=1", &config).ok());
  EXPECT_EQ(ApplySetting("brute_force.max_failures=2x", &config).message(),
            "--set: invalid brute_force.max_failures '2x': must be an integer");
}

TEST(RenderConfig, RoundTripsThroughTheLoader) {
  Config changed;
  changed.detectors.brute_force.max_failures = 7;
  changed.detectors.slow.window = 3 * kMicrosPerDay;
  Config loaded;
  ASSERT_TRUE(ApplyConfigText(RenderConfig(changed), "rendered", &loaded).ok());
  EXPECT_EQ(RenderConfig(loaded), RenderConfig(changed));
  EXPECT_EQ(loaded.detectors.slow.window, 3 * kMicrosPerDay);
}

TEST(ConfigFile, BlocklistSectionTakesListsStringsAndDurations) {
  Config config;
  const Status s = ApplyConfigText(R"(
[blocklist]
rules = ["distributed_spray", "compromise.sprayed"]
min_confidence = 0.8
scope_v4 = 24
ttl = "3d"
allow = ["198.51.100.0/24", "2001:db8::/32"]
name = "sprayers"
)",
                                   "policy.toml", &config);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(config.blocklist.rules,
            (std::vector<std::string>{"distributed_spray", "compromise.sprayed"}));
  EXPECT_EQ(config.blocklist.min_confidence, 0.8);
  EXPECT_EQ(config.blocklist.scope_v4, 24);
  EXPECT_EQ(config.blocklist.ttl, 3 * kMicrosPerDay);
  EXPECT_EQ(config.blocklist.allow, (std::vector<std::string>{"198.51.100.0/24", "2001:db8::/32"}));
  EXPECT_EQ(config.blocklist.name, "sprayers");
  EXPECT_TRUE(config.Validate().ok());
}

TEST(ConfigFile, BlocklistMistakesNameKeyValueAndRule) {
  Config config;
  Status s = ApplyConfigText("[blocklist]\nallow = \"10.0.0.0/8\"\n", "p.toml", &config);
  EXPECT_EQ(s.message(), "p.toml: invalid blocklist.allow '10.0.0.0/8': must be a list of strings");
  s = ApplyConfigText("[blocklist]\nallow = [\"10.0.0.0/8,11.0.0.0/8\"]\n", "p.toml", &config);
  EXPECT_FALSE(s.ok()) << "an item holding a comma would split into two";
  s = ApplyConfigText("[blocklist]\nrules = [1]\n", "p.toml", &config);
  EXPECT_EQ(s.message(), "p.toml: invalid blocklist.rules '1': must be a list of strings");
  s = ApplyConfigText("[blocklist]\nname = 7\n", "p.toml", &config);
  EXPECT_EQ(s.message(), "p.toml: invalid blocklist.name '7': must be a string");
  ASSERT_TRUE(ApplyConfigText("[blocklist]\nscope_v6 = 16\n", "p.toml", &config).ok());
  EXPECT_EQ(config.Validate().message(),
            "invalid blocklist.scope_v6 '16': must be between 32 and 128 (wider blocks whole "
            "providers)");
}

TEST(ApplySetting, BlocklistListsAreCommaSeparated) {
  Config config;
  ASSERT_TRUE(ApplySetting("blocklist.allow=192.0.2.0/24, 2001:db8::/48", &config).ok());
  EXPECT_EQ(config.blocklist.allow, (std::vector<std::string>{"192.0.2.0/24", "2001:db8::/48"}));
  ASSERT_TRUE(ApplySetting("blocklist.allow=", &config).ok());
  EXPECT_TRUE(config.blocklist.allow.empty());
  ASSERT_TRUE(ApplySetting("blocklist.rules=compromise,,brute_force", &config).ok());
  EXPECT_EQ(config.Validate().message(),
            "invalid blocklist.rules '': must be a rule name (brute_force, single_source_spray, "
            "distributed_spray, account_targeted, compromise) or a rule id such as "
            "compromise.sprayed")
      << "an empty item is named, not dropped";
}

TEST(RenderConfig, BlocklistRoundTripsThroughTheLoader) {
  Config changed;
  changed.blocklist.allow = {"192.0.2.0/24", "2001:db8::/32"};
  changed.blocklist.rules = {"compromise"};
  changed.blocklist.ttl = 36 * kMicrosPerHour;
  changed.blocklist.name = "edge";
  const std::string text = RenderConfig(changed);
  EXPECT_NE(text.find("[blocklist]\nrules = [\"compromise\"]\n"), std::string::npos) << text;
  EXPECT_NE(text.find("allow = [\"192.0.2.0/24\", \"2001:db8::/32\"]\n"), std::string::npos);
  Config loaded;
  ASSERT_TRUE(ApplyConfigText(text, "rendered", &loaded).ok());
  EXPECT_EQ(RenderConfig(loaded), text);
  EXPECT_EQ(loaded.blocklist.allow, changed.blocklist.allow);
  EXPECT_EQ(loaded.blocklist.ttl, 36 * kMicrosPerHour);
}

TEST(ConfigFile, EnrichmentPathsAreRelativeToTheConfigFile) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("spraytrace_config_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "etc");
  const std::string path = (dir / "etc" / "spraytrace.toml").string();
  std::ofstream(path) << "[enrichment]\n"
                         "asn_db = \"GeoLite2-ASN.mmdb\"\n"
                         "geo_db = \"/var/lib/GeoIP/GeoLite2-Country.mmdb\"\n"
                         "ip2asn = \"../data/ip2asn-combined.tsv.gz\"\n"
                         "intel = [\"lists/quad7.txt\", \"/srv/feeds/partner.json\"]\n";
  Config config;
  ASSERT_TRUE(ApplyConfigFile(path, &config).ok());
  std::filesystem::remove_all(dir);
  EXPECT_EQ(config.enrichment.asn_db, (dir / "etc" / "GeoLite2-ASN.mmdb").string());
  EXPECT_EQ(config.enrichment.geo_db, "/var/lib/GeoIP/GeoLite2-Country.mmdb");
  EXPECT_EQ(config.enrichment.ip2asn, (dir / "data" / "ip2asn-combined.tsv.gz").string());
  ASSERT_EQ(config.enrichment.intel.size(), 2u);
  EXPECT_EQ(config.enrichment.intel[0], (dir / "etc" / "lists" / "quad7.txt").string());
  EXPECT_EQ(config.enrichment.intel[1], "/srv/feeds/partner.json");
  // --set takes them as given, and a wrong type names the key.
  ASSERT_TRUE(ApplySetting("enrichment.intel=a.txt,b.csv", &config).ok());
  EXPECT_EQ(config.enrichment.intel, (std::vector<std::string>{"a.txt", "b.csv"}));
  const Status bad = ApplyConfigText("[enrichment]\nasn_db = 5\n", "x.toml", &config);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("enrichment.asn_db"), std::string::npos) << bad.message();
}

}  // namespace
}  // namespace spraytrace::cli
