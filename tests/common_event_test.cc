// Shared building blocks: durations, timestamps, IP addresses, string pool, user names.
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "common/duration.h"
#include "event/ip_address.h"
#include "event/string_pool.h"
#include "event/timestamp.h"
#include "event/user_name.h"

namespace spraytrace {
namespace {

TEST(Duration, ParsesUnitsAndCombinations) {
  EXPECT_EQ(*ParseDuration("90s"), 90 * kMicrosPerSecond);
  EXPECT_EQ(*ParseDuration("10m"), 10 * kMicrosPerMinute);
  EXPECT_EQ(*ParseDuration("1h30m"), 90 * kMicrosPerMinute);
  EXPECT_EQ(*ParseDuration("7d"), 7 * kMicrosPerDay);
  EXPECT_EQ(*ParseDuration("250ms"), 250'000);
}

TEST(Duration, RejectsBadTextWithTheValueInTheMessage) {
  for (const char* bad : {"", "10", "m", "10x", "-5m", "10 m"}) {
    auto parsed = ParseDuration(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_NE(parsed.error().message().find(std::string("'") + bad + "'"), std::string::npos);
  }
}

TEST(Duration, FormatsShortestExactForm) {
  EXPECT_EQ(FormatDuration(10 * kMicrosPerMinute), "10m");
  EXPECT_EQ(FormatDuration(90 * kMicrosPerMinute), "1h30m");
  EXPECT_EQ(FormatDuration(kMicrosPerDay + kMicrosPerSecond), "1d1s");
  EXPECT_EQ(FormatDuration(0), "0s");
}

TEST(Timestamp, RoundTripsThroughCivilTime) {
  const CivilTime leap{2024, 2, 29, 23, 59, 59, 123456};
  ASSERT_TRUE(IsValidCivil(leap));
  const Timestamp t = ToTimestamp(leap);
  EXPECT_EQ(FormatIso8601(t), "2024-02-29T23:59:59.123456Z");
  const CivilTime back = ToCivil(t);
  EXPECT_EQ(back.year, 2024);
  EXPECT_EQ(back.month, 2);
  EXPECT_EQ(back.day, 29);
  EXPECT_EQ(ToTimestamp(CivilTime{1970, 1, 1, 0, 0, 0, 0}), 0);
  EXPECT_EQ(FormatIso8601(ToTimestamp(CivilTime{2026, 11, 2, 10, 0, 1, 0})),
            "2026-11-02T10:00:01Z");
}

TEST(Timestamp, RejectsImpossibleDates) {
  EXPECT_FALSE(IsValidCivil(CivilTime{2023, 2, 29, 0, 0, 0, 0}));
  EXPECT_FALSE(IsValidCivil(CivilTime{2023, 4, 31, 0, 0, 0, 0}));
  EXPECT_FALSE(IsValidCivil(CivilTime{2023, 1, 1, 24, 0, 0, 0}));
  EXPECT_FALSE(IsValidCivil(CivilTime{2023, 13, 1, 0, 0, 0, 0}));
}

TEST(IpAddress, ParsesV4V6AndMappedForms) {
  EXPECT_EQ(IpAddress::Parse("183.62.140.253")->ToString(), "183.62.140.253");
  EXPECT_EQ(IpAddress::Parse("192.030.0.6")->ToString(), "192.30.0.6");
  EXPECT_EQ(IpAddress::Parse("::ffff:218.249.210.161")->ToString(), "218.249.210.161");
  EXPECT_EQ(*IpAddress::Parse("::ffff:1.2.3.4"), *IpAddress::Parse("1.2.3.4"));
  EXPECT_EQ(IpAddress::Parse("AAAA:bbbb:cccc:1234::1:1")->ToString(), "aaaa:bbbb:cccc:1234::1:1");
  EXPECT_EQ(IpAddress::Parse("[2001:db8::1]")->ToString(), "2001:db8::1");
  EXPECT_EQ(IpAddress::Parse("fe80::1%eth0")->ToString(), "fe80::1");
  EXPECT_TRUE(IpAddress::Parse("1.2.3.4")->is_v4());
  EXPECT_FALSE(IpAddress::Parse("2001:db8::1")->is_v4());
}

TEST(IpAddress, FormatWritesWhatInetNtopWrites) {
  // Every IPv4 digit count per octet, the extremes, and a sweep of values; IPv6 via inet_ntop.
  std::vector<uint32_t> values = {0u,          1u,          9u,          10u,
                                  99u,         100u,        255u,        0x0a000064u,
                                  0xc0a80001u, 0xfffffffeu, 0xffffffffu, 0x7f000001u};
  for (uint32_t v = 0; v < 2'000'000; v += 997) values.push_back(v * 2654435761u);
  for (uint32_t value : values) {
    const IpAddress ip = IpAddress::FromV4(value);
    char expected[INET_ADDRSTRLEN];
    const uint32_t network = htonl(value);
    ASSERT_NE(inet_ntop(AF_INET, &network, expected, sizeof(expected)), nullptr);
    char out[IpAddress::kMaxTextSize];
    ASSERT_EQ(ip.Format(out), std::string_view(expected)) << value;
    ASSERT_EQ(ip.ToString(), expected);
  }
  char out[IpAddress::kMaxTextSize];
  EXPECT_EQ(IpAddress::Parse("::ffff:0.0.0.0")->Format(out), "0.0.0.0");
  EXPECT_EQ(IpAddress::Parse("2001:db8::ffff:1:2")->Format(out), "2001:db8::ffff:1:2");
  EXPECT_EQ(IpAddress::Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe")->Format(out),
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
  EXPECT_EQ(IpAddress().Format(out), "::");
}

TEST(IpAddress, RejectsHostNamesAndMalformedText) {
  for (const char* bad : {"", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ",
                          "5.36.59.76.dynamic-dsl-ip.omantel.net.om", "::g", "1..2.3"}) {
    EXPECT_FALSE(IpAddress::Parse(bad).has_value()) << bad;
  }
}

TEST(IpAddress, KnowsInternalRanges) {
  for (const char* internal : {"10.20.3.15", "172.16.0.1", "172.31.255.254", "192.168.1.5",
                               "127.0.0.1", "169.254.1.1", "fd00::1", "fe80::1", "::1"}) {
    EXPECT_TRUE(IpAddress::Parse(internal)->IsInternal()) << internal;
  }
  for (const char* external :
       {"172.32.0.1", "192.0.2.1", "100.64.0.1", "8.8.8.8", "2001:db8::1", "11.0.0.1"}) {
    EXPECT_FALSE(IpAddress::Parse(external)->IsInternal()) << external;
  }
}

TEST(IpAddress, MasksInItsOwnFamily) {
  EXPECT_EQ(IpAddress::Parse("203.0.113.77")->Masked(24).ToString(), "203.0.113.0");
  EXPECT_EQ(IpAddress::Parse("2001:db8:1:2:3:4:5:6")->Masked(64).ToString(), "2001:db8:1:2::");
  EXPECT_EQ(IpAddress::Parse("10.1.2.3")->Masked(0).ToString(), "0.0.0.0");
  EXPECT_EQ(IpAddress::Parse("10.1.2.3")->Masked(32).ToString(), "10.1.2.3");
  EXPECT_EQ(IpAddress::Parse("203.0.127.77")->Masked(20).ToString(), "203.0.112.0");
  EXPECT_EQ(IpAddress::Parse("255.255.255.255")->Masked(3).ToString(), "224.0.0.0");
  EXPECT_EQ(IpAddress::Parse("2001:db8:ffff::1")->Masked(36).ToString(), "2001:db8:f000::");
  EXPECT_EQ(IpAddress::Parse("2001:db8::1")->Masked(200).ToString(), "2001:db8::1");
  EXPECT_TRUE(IpAddress::Parse("10.1.2.3")->Masked(8).is_v4()) << "the v4-mapped prefix stays";
}

TEST(StringPool, InternsOnceAndKeepsViewsStable) {
  StringPool pool;
  const StringId root = pool.Intern("root");
  EXPECT_EQ(pool.Intern("root"), root);
  EXPECT_NE(pool.Intern("admin"), root);
  EXPECT_EQ(pool.Intern(""), kNoString);
  const std::string_view view = pool.View(root);
  for (int i = 0; i < 100000; ++i) pool.Intern("user" + std::to_string(i));
  EXPECT_EQ(view, "root");
  EXPECT_EQ(pool.View(root).data(), view.data());
  EXPECT_EQ(pool.Find("user99999"), pool.Intern("user99999"));
  EXPECT_EQ(pool.Find("never"), kNoString);
}

TEST(UserName, ReconcilesDomainFormsAndCase) {
  std::string out;
  CanonicalUserName("CONTOSO\\Alice", UserCase::kInsensitive, &out);
  EXPECT_EQ(out, "alice");
  CanonicalUserName("Alice@contoso.onmicrosoft.com", UserCase::kInsensitive, &out);
  EXPECT_EQ(out, "alice");
  CanonicalUserName("Root", UserCase::kSensitive, &out);
  EXPECT_EQ(out, "Root");
  CanonicalUserName("", UserCase::kSensitive, &out);
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace spraytrace
