#include "report/progress_line.h"

#include <gtest/gtest.h>

#include <limits>

namespace spraytrace::report {
namespace {

TEST(ProgressLine, KnownTotalShowsShareRatesAndEta) {
  // 1.2 GB of 10 GB in 2 s: 600 MB/s, 8.8 GB left -> 14.67 s.
  ProgressSnapshot p;
  p.bytes_done = 1'200'000'000;
  p.bytes_total = 10'000'000'000;
  p.events = 4'620'000;
  p.seconds = 2.0;
  EXPECT_EQ(FormatProgressLine(p), "1.20 GB of 10.00 GB (12%), 2.31 M events/s, 600 MB/s, ETA 15s");
}

TEST(ProgressLine, UnknownTotalHasNoShareAndNoEta) {
  ProgressSnapshot p;
  p.bytes_done = 52'500'000;
  p.events = 7'000;
  p.seconds = 0.5;
  EXPECT_EQ(FormatProgressLine(p), "52.5 MB read, 14.0 k events/s, 105 MB/s");
}

TEST(ProgressLine, NoTimeYetShowsOnlyBytes) {
  ProgressSnapshot p;
  p.bytes_done = 999;
  p.bytes_total = 5'000;
  EXPECT_EQ(FormatProgressLine(p), "999 B of 5.0 kB (19%)");
  p.seconds = -1;  // a clock that went backwards is no time either
  EXPECT_EQ(FormatProgressLine(p), "999 B of 5.0 kB (19%)");
}

TEST(ProgressLine, GrowingFileStopsAtOneHundredPercentWithoutEta) {
  ProgressSnapshot p;
  p.bytes_done = 3'000'000;
  p.bytes_total = 2'000'000;
  p.events = 10;
  p.seconds = 1;
  EXPECT_EQ(FormatProgressLine(p), "3.0 MB of 2.0 MB (100%), 10 events/s, 3 MB/s");
}

TEST(ProgressLine, NothingReadYetHasNoEta) {
  ProgressSnapshot p;
  p.bytes_total = 2'000'000;
  p.seconds = 3;
  EXPECT_EQ(FormatProgressLine(p), "0 B of 2.0 MB (0%), 0 events/s, 0 MB/s");
}

TEST(ProgressLine, EtaUnits) {
  EXPECT_EQ(FormatEta(0), "0s");
  EXPECT_EQ(FormatEta(-5), "0s");
  EXPECT_EQ(FormatEta(std::numeric_limits<double>::quiet_NaN()), "0s");
  EXPECT_EQ(FormatEta(59.4), "59s");
  EXPECT_EQ(FormatEta(185), "3m05s");
  EXPECT_EQ(FormatEta(3600 + 125), "1h02m");
  EXPECT_EQ(FormatEta(std::numeric_limits<double>::infinity()), "99h59m+");
  EXPECT_EQ(FormatEta(1e12), "99h59m+");
}

TEST(ProgressLine, ByteUnits) {
  EXPECT_EQ(FormatDecimalBytes(0), "0 B");
  EXPECT_EQ(FormatDecimalBytes(1'000), "1.0 kB");
  EXPECT_EQ(FormatDecimalBytes(999'000), "999.0 kB");
  EXPECT_EQ(FormatDecimalBytes(1'000'000), "1.0 MB");
  EXPECT_EQ(FormatDecimalBytes(1'210'000'000), "1.21 GB");
  EXPECT_EQ(FormatDecimalBytes(std::numeric_limits<uint64_t>::max()), "18446744.07 TB");
}

}  // namespace
}  // namespace spraytrace::report
