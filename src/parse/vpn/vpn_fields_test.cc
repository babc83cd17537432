#include "parse/vpn/vpn_fields.h"

#include <gtest/gtest.h>

#include "event/ip_address.h"

namespace spraytrace::parse::vpn {
namespace {

Timestamp Utc(int year, int month, int day, int hour, int minute, int second, int micros = 0) {
  return ToTimestamp(CivilTime{year, month, day, hour, minute, second, micros});
}

TEST(VpnFields, EpochUnitFromMagnitude) {
  Timestamp t = 0;
  ASSERT_TRUE(EpochToTimestamp("1728938800", &t));  // seconds (FortiOS 6.0)
  EXPECT_EQ(t, Utc(2024, 10, 14, 20, 46, 40));
  ASSERT_TRUE(EpochToTimestamp("1728938800841", &t));  // milliseconds
  EXPECT_EQ(t, Utc(2024, 10, 14, 20, 46, 40, 841000));
  ASSERT_TRUE(EpochToTimestamp("1728938800841267", &t));  // microseconds
  EXPECT_EQ(t, Utc(2024, 10, 14, 20, 46, 40, 841267));
  ASSERT_TRUE(EpochToTimestamp("1728938800841267391", &t));  // nanoseconds (FortiOS >= 6.2)
  EXPECT_EQ(t, Utc(2024, 10, 14, 20, 46, 40, 841267));
  for (std::string_view bad : {"", "12", "99999999", "17289388x0", "99999999999999999999",
                               "9999999999999999999", "-1728938800"}) {
    EXPECT_FALSE(EpochToTimestamp(bad, &t)) << bad;
  }
}

TEST(VpnFields, DateAndTime) {
  CivilTime c;
  ASSERT_TRUE(ParseDateAndTime("2024-10-14", "13:46:40", &c));
  EXPECT_EQ(ToTimestamp(c), Utc(2024, 10, 14, 13, 46, 40));
  ASSERT_TRUE(ParseDateAndTime("2020/09/24", "03:22:59", &c));
  EXPECT_EQ(ToTimestamp(c), Utc(2020, 9, 24, 3, 22, 59));
  ASSERT_TRUE(ParseDateAndTime("2021-03-24", "11:30:00.25", &c));
  EXPECT_EQ(c.micros, 250000);
  for (auto [date, time] : {std::pair{"2024-02-30", "10:00:00"},
                            {"2024-10-14", "24:00:00"},
                            {"2024-10/14", "10:00:00"},
                            {"24-10-14", "10:00:00"},
                            {"2024-10-14", "10:00"},
                            {"2024-10-14", "10:00:00x"},
                            {"", ""}}) {
    EXPECT_FALSE(ParseDateAndTime(date, time, &c)) << date << " " << time;
  }
}

TEST(VpnFields, UtcOffsets) {
  Micros offset = 0;
  ASSERT_TRUE(ParseUtcOffset("-0700", &offset));
  EXPECT_EQ(offset, -7 * kMicrosPerHour);
  ASSERT_TRUE(ParseUtcOffset("+05:30", &offset));
  EXPECT_EQ(offset, 5 * kMicrosPerHour + 30 * kMicrosPerMinute);
  ASSERT_TRUE(ParseUtcOffset("Z", &offset));
  EXPECT_EQ(offset, 0);
  for (std::string_view bad : {"", "0700", "+7", "+2500", "-07-00", "+07:0", "UTC"}) {
    EXPECT_FALSE(ParseUtcOffset(bad, &offset)) << bad;
  }
}

TEST(VpnFields, PlaceholderUsers) {
  for (std::string_view none : {"", " ", "N/A", "(null)", "-", "UNDEF", "*****", "*"}) {
    EXPECT_TRUE(IsPlaceholderUser(none)) << none;
  }
  for (std::string_view name : {"admin", "a*b", "**x", "n/a2"}) {
    EXPECT_FALSE(IsPlaceholderUser(name)) << name;
  }
}

TEST(VpnFields, UsersKeepTheRawNameAndFoldTheCanonicalOne) {
  StringPool strings;
  VpnEvents events(&strings);
  AuthEvent e;
  events.SetUser("TNG\\Troy", &e);
  EXPECT_EQ(strings.View(e.user), "TNG\\Troy");
  EXPECT_EQ(strings.View(e.user_canonical), "troy");
  events.SetUser("Max.Mustermann@domain.de", &e);
  EXPECT_EQ(strings.View(e.user_canonical), "max.mustermann");
  events.SetUser("<b>x</b>", &e);  // kept as logged; escaping is the output's job
  EXPECT_EQ(strings.View(e.user), "<b>x</b>");
  events.SetUser("*****", &e);
  EXPECT_EQ(e.user, kNoString);
  EXPECT_EQ(e.user_canonical, kNoString);
}

TEST(VpnFields, SourceAddressesAreNormalised) {
  AuthEvent e;
  ASSERT_TRUE(SetSourceIp("2001:DB8:0:0::1", &e));
  EXPECT_EQ(e.source_ip.ToString(), "2001:db8::1");
  ASSERT_TRUE(SetSourceIp("::ffff:192.0.2.9", &e));
  EXPECT_EQ(e.source_ip.ToString(), "192.0.2.9");
  AuthEvent untouched;
  EXPECT_FALSE(SetSourceIp("vpn.example.org", &untouched));
  EXPECT_FALSE(SetSourceIp("(null)", &untouched));
  EXPECT_FALSE(untouched.has_source_ip);
}

TEST(VpnFields, StartSetsTheVpnDefaults) {
  RecordContext context{"fw.log", {3, 7, 99}};
  const AuthEvent e = VpnEvents::Start(42, context, Outcome::kSuccess);
  EXPECT_EQ(e.time, 42);
  EXPECT_EQ(e.service, Service::kVpn);
  EXPECT_EQ(e.outcome, Outcome::kSuccess);
  EXPECT_EQ(e.method, AuthMethod::kPassword);
  EXPECT_EQ(e.where.file, 3u);
  EXPECT_EQ(e.where.line, 7u);
}

}  // namespace
}  // namespace spraytrace::parse::vpn
