#include "cli/progress_display.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace spraytrace::cli {
namespace {

// What the display wrote, through a memory stream, with a clock the test moves.
class ProgressDisplayTest : public ::testing::Test {
 protected:
  void SetUp() override { out_ = ::open_memstream(&data_, &size_); }
  void TearDown() override {
    if (out_) std::fclose(out_);
    std::free(data_);
  }
  std::string Written() {
    std::fflush(out_);
    return std::string(data_, size_);
  }

  double now_ = 100.0;
  ProgressDisplay::Clock clock_ = [this] { return now_; };
  std::FILE* out_ = nullptr;
  char* data_ = nullptr;
  size_t size_ = 0;
};

TEST_F(ProgressDisplayTest, ShortScanDrawsNothingAndClearsNothing) {
  ProgressDisplay display(out_, 0.25, clock_);
  display.OnStart(1'000'000);
  now_ += 0.2;
  display.OnProgress(900'000, 5'000);
  display.OnFinish();
  EXPECT_EQ(display.draws(), 0u);
  EXPECT_EQ(Written(), "");
}

TEST_F(ProgressDisplayTest, RedrawsAtMostOncePerIntervalAndClearsAtTheEnd) {
  ProgressDisplay display(out_, 0.25, clock_);
  display.OnStart(10'000'000);
  now_ += 0.5;
  display.OnProgress(1'200'000, 2'000);
  const std::string first = "\r1.2 MB of 10.0 MB (12%), 4.0 k events/s, 2 MB/s, ETA 4s";
  EXPECT_EQ(Written(), first);
  now_ += 0.1;  // too soon: not drawn
  display.OnProgress(1'500'000, 3'000);
  EXPECT_EQ(display.draws(), 1u);
  now_ += 0.2;  // 0.3 s after the first draw
  display.OnProgress(2'400'000, 4'000);
  EXPECT_EQ(display.draws(), 2u);
  const std::string second = "\r2.4 MB of 10.0 MB (24%), 5.0 k events/s, 3 MB/s, ETA 3s";
  EXPECT_EQ(Written(), first + second);
  display.OnFinish();
  std::string blank(second.size() + 1, ' ');  // "\r", a space per column, "\r"
  blank.front() = '\r';
  blank.back() = '\r';
  EXPECT_EQ(Written(), first + second + blank);
}

TEST_F(ProgressDisplayTest, ShorterLinePadsOverTheLongerOne) {
  ProgressDisplay display(out_, 0.25, clock_);
  display.OnStart(10'000'000);
  now_ += 1;
  display.OnProgress(9'000'000, 1'000'000);  // "... 1.00 M events/s, 9 MB/s, ETA 0s"
  const std::string first = Written();
  now_ += 1;
  display.OnProgress(10'000'000, 1'000'000);  // done: no ETA, shorter
  const std::string second = Written().substr(first.size());
  const std::string text = "\r10.0 MB of 10.0 MB (100%), 500.0 k events/s, 5 MB/s";
  ASSERT_LT(text.size(), first.size());
  // Padded with spaces to cover every column of the longer first line.
  std::string padded = text;
  padded.append(first.size() - text.size(), ' ');
  EXPECT_EQ(second, padded);
}

}  // namespace
}  // namespace spraytrace::cli
