#include "parse/windows/windows_time.h"

#include <gtest/gtest.h>

namespace spraytrace::parse {
namespace {

Timestamp At(int y, int mo, int d, int h, int mi, int s, int us = 0) {
  return ToTimestamp(CivilTime{y, mo, d, h, mi, s, us});
}

TEST(WindowsTime, EveryRenderingsShape) {
  Timestamp t = 0;
  bool zoned = false;
  ASSERT_TRUE(ParseWindowsTime("2022-04-29T12:36:01.9027913Z", &t, &zoned));
  EXPECT_EQ(t, At(2022, 4, 29, 12, 36, 1, 902791));
  EXPECT_TRUE(zoned);
  ASSERT_TRUE(ParseWindowsTime("2020-07-22T20:29:36.414827100Z", &t));
  EXPECT_EQ(t, At(2020, 7, 22, 20, 29, 36, 414827));
  ASSERT_TRUE(ParseWindowsTime("2016-09-19 16:50:06.477879", &t, &zoned));
  EXPECT_EQ(t, At(2016, 9, 19, 16, 50, 6, 477879));
  EXPECT_FALSE(zoned);
  ASSERT_TRUE(ParseWindowsTime("2019-04-30T19:27:02.847Z", &t));
  EXPECT_EQ(t, At(2019, 4, 30, 19, 27, 2, 847000));
  ASSERT_TRUE(ParseWindowsTime("2020-10-22 04:29:53", &t, &zoned));
  EXPECT_EQ(t, At(2020, 10, 22, 4, 29, 53));
  EXPECT_FALSE(zoned);
  ASSERT_TRUE(ParseWindowsTime("2021-05-20T14:49:52.5+02:00", &t));
  EXPECT_EQ(t, At(2021, 5, 20, 12, 49, 52, 500000));
  ASSERT_TRUE(ParseWindowsTime("2021-05-20T08:49:52-0400", &t));
  EXPECT_EQ(t, At(2021, 5, 20, 12, 49, 52));
}

TEST(WindowsTime, RejectsMalformed) {
  Timestamp t = 0;
  EXPECT_FALSE(ParseWindowsTime("", &t));
  EXPECT_FALSE(ParseWindowsTime("2022-04-29", &t));
  EXPECT_FALSE(ParseWindowsTime("2022-04-29T12:36", &t));
  EXPECT_FALSE(ParseWindowsTime("2022-02-30T12:36:01Z", &t));
  EXPECT_FALSE(ParseWindowsTime("2022-04-29T25:36:01Z", &t));
  EXPECT_FALSE(ParseWindowsTime("2022-04-29T12:36:01.Z", &t));
  EXPECT_FALSE(ParseWindowsTime("2022-04-29T12:36:01Zjunk", &t));
  EXPECT_FALSE(ParseWindowsTime("29/04/2022 12:36:01", &t));
}

TEST(WindowsTime, Filetime) {
  // 100 ns ticks since 1601: 2020-07-22T20:29:36.4148271Z, and the Unix epoch.
  EXPECT_EQ(FromFiletime(132399233764148271ULL), At(2020, 7, 22, 20, 29, 36, 414827));
  EXPECT_EQ(FromFiletime(116444736000000000ULL), 0);
}

}  // namespace
}  // namespace spraytrace::parse
