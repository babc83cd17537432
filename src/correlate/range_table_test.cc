#include "correlate/range_table.h"

#include <gtest/gtest.h>

#include <random>

namespace spraytrace::correlate {
namespace {

using Ranges = std::vector<KeyRange<uint32_t>>;

// The most specific range holding key by brute force: latest start, then shortest, then last
// given. The reference the flattened table must agree with.
std::optional<uint32_t> Reference(const Ranges& ranges, uint32_t key) {
  std::optional<size_t> best;
  for (size_t i = 0; i < ranges.size(); ++i) {
    const auto& r = ranges[i];
    if (key < r.start || key > r.end) continue;
    if (!best) {
      best = i;
      continue;
    }
    const auto& b = ranges[*best];
    if (r.start > b.start || (r.start == b.start && r.end <= b.end)) best = i;
  }
  if (!best) return std::nullopt;
  return ranges[*best].value;
}

TEST(RangeTable, DisjointRangesAnswerByBinarySearch) {
  RangeTable<uint32_t> table;
  table.Build({{200, 299, 2}, {0, 99, 0}, {100, 150, 1}});
  EXPECT_FALSE(table.had_overlaps());
  EXPECT_EQ(table.Find(0), 0u);
  EXPECT_EQ(table.Find(99), 0u);
  EXPECT_EQ(table.Find(100), 1u);
  EXPECT_EQ(table.Find(150), 1u);
  EXPECT_FALSE(table.Find(151));  // a gap
  EXPECT_EQ(table.Find(299), 2u);
  EXPECT_FALSE(table.Find(300));
}

TEST(RangeTable, NestedRangeWinsInsideAndOuterAnswersAround) {
  RangeTable<uint32_t> table;
  table.Build({{0, 1000, 7}, {100, 199, 8}, {150, 160, 9}});
  EXPECT_TRUE(table.had_overlaps());
  EXPECT_EQ(table.Find(99), 7u);
  EXPECT_EQ(table.Find(100), 8u);
  EXPECT_EQ(table.Find(155), 9u);
  EXPECT_EQ(table.Find(161), 8u);
  EXPECT_EQ(table.Find(200), 7u);
  EXPECT_EQ(table.Find(1000), 7u);
  EXPECT_FALSE(table.Find(1001));
}

TEST(RangeTable, PartialOverlapGoesToTheLaterStart) {
  RangeTable<uint32_t> table;
  table.Build({{0, 10, 1}, {5, 20, 2}});
  EXPECT_EQ(table.Find(4), 1u);
  EXPECT_EQ(table.Find(5), 2u);
  EXPECT_EQ(table.Find(10), 2u);
  EXPECT_EQ(table.Find(20), 2u);
}

TEST(RangeTable, RangesReachingTheLargestKey) {
  RangeTable<uint32_t> table;
  table.Build({{0, UINT32_MAX, 1}, {UINT32_MAX - 5, UINT32_MAX, 2}});
  EXPECT_EQ(table.Find(0), 1u);
  EXPECT_EQ(table.Find(UINT32_MAX - 6), 1u);
  EXPECT_EQ(table.Find(UINT32_MAX), 2u);
  RangeTable<U128> wide;
  const U128 max{~uint64_t{0}, ~uint64_t{0}};
  wide.Build({{U128{}, max, 3}, {U128{5, 0}, U128{5, 9}, 4}});
  EXPECT_EQ(wide.Find(U128{5, 3}), 4u);
  EXPECT_EQ(wide.Find(U128{4, ~uint64_t{0}}), 3u);
  EXPECT_EQ(wide.Find(U128{5, 10}), 3u);
  EXPECT_EQ(wide.Find(max), 3u);
}

TEST(RangeTable, RandomOverlapsAgreeWithBruteForce) {
  std::mt19937 rng(42);
  for (int round = 0; round < 200; ++round) {
    Ranges ranges;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      const auto start = static_cast<uint32_t>(rng() % 100);
      const auto end = start + static_cast<uint32_t>(rng() % 40);
      ranges.push_back({start, end, static_cast<uint32_t>(i)});
    }
    RangeTable<uint32_t> table;
    table.Build(ranges);
    for (uint32_t key = 0; key < 150; ++key) {
      ASSERT_EQ(table.Find(key), Reference(ranges, key)) << "round " << round << " key " << key;
    }
  }
}

}  // namespace
}  // namespace spraytrace::correlate
