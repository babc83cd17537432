// The truth file round-trips exactly, and a damaged one is refused with the field named.
#include "simulate/ground_truth.h"

#include <gtest/gtest.h>

#include "simulate/iso_time.h"

namespace spraytrace::simulate {
namespace {

GroundTruth Sample() {
  GroundTruth t;
  t.seed = 42;
  t.start = ToTimestamp(CivilTime{2026, 11, 2, 0, 0, 0, 0});
  t.end = t.start + 7 * kMicrosPerDay;
  t.log_format = "sshd-syslog";
  t.benign_users = 2000;
  t.benign_sources = 3100;
  t.lines = 123456;
  Scenario s;
  s.id = "covert-1";
  s.kind = ScenarioKind::kCovertNetwork;
  s.start = t.start + kMicrosPerDay;
  s.end = t.end - kMicrosPerSecond;
  s.attempts = 14000;
  s.sources = {*IpAddress::Parse("198.18.4.7"), *IpAddress::Parse("2001:db8:9:1::a")};
  s.targeted_accounts = {"alice", "no.such.user", "<b>x</b>"};
  t.scenarios.push_back(s);
  t.compromises.push_back({"alice", s.sources[1], s.start + 3 * kMicrosPerHour, "covert-1"});
  return t;
}

TEST(GroundTruth, RoundTripsThroughJson) {
  const GroundTruth original = Sample();
  auto parsed = ParseGroundTruth(GroundTruthToJson(original));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().ToString();
  EXPECT_EQ(GroundTruthToJson(*parsed), GroundTruthToJson(original));
  EXPECT_EQ(parsed->scenarios.at(0).kind, ScenarioKind::kCovertNetwork);
  EXPECT_EQ(parsed->scenarios.at(0).sources.at(1), original.scenarios[0].sources[1]);
  EXPECT_EQ(parsed->compromises.at(0).time, original.compromises[0].time);
  EXPECT_EQ(parsed->scenarios.at(0).targeted_accounts.at(2), "<b>x</b>");
}

TEST(GroundTruth, RefusesOtherFilesNamingTheField) {
  EXPECT_NE(ParseGroundTruth("{}").error().message().find("'format'"), std::string::npos);
  EXPECT_NE(ParseGroundTruth("[1,2").error().message().find("not a JSON object"),
            std::string::npos);
  std::string json = GroundTruthToJson(Sample());
  json.replace(json.find("covert_network"), 14, "covert_netwerk");
  EXPECT_NE(ParseGroundTruth(json).error().message().find("kind"), std::string::npos);
  EXPECT_EQ(LoadGroundTruth("/nonexistent/truth.json").error().code(), ErrorCode::kNotFound);
}

TEST(IsoTime, ParsesWhatFormatIso8601Writes) {
  Timestamp t = 0;
  ASSERT_TRUE(ParseIsoTime("2026-11-02T10:00:01.250000Z", &t));
  EXPECT_EQ(FormatIso8601(t), "2026-11-02T10:00:01.250000Z");
  ASSERT_TRUE(ParseIsoTime("2024-02-29T23:59:59Z", &t));
  EXPECT_FALSE(ParseIsoTime("2023-02-29T00:00:00Z", &t));
  EXPECT_FALSE(ParseIsoTime("2026-11-02 10:00:01Z", &t));
  EXPECT_FALSE(ParseIsoTime("2026-11-02T10:00:01", &t));
  EXPECT_FALSE(ParseIsoTime("2026-11-02T10:00:01.1234567Z", &t));
}

}  // namespace
}  // namespace spraytrace::simulate
