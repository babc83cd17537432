// SmallIdSet against std::set on random inserts and erases that cross the in-place limit both
// ways, and moves of either form.
#include "detect/small_id_set.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

namespace spraytrace::detect {
namespace {

std::vector<StringId> Sorted(const SmallIdSet& set) {
  std::vector<StringId> ids;
  set.ForEach([&](StringId id) { ids.push_back(id); });
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(SmallIdSet, BehavesAsASetAcrossTheInPlaceLimit) {
  SmallIdSet set;
  std::set<StringId> model;
  uint64_t state = 42;
  for (int step = 0; step < 20'000; ++step) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto id = static_cast<StringId>((state >> 33) % 12);
    // Phases that favour inserting, then erasing, so the size swings over kInline and back.
    const bool insert = ((state >> 20) % 10) < (step / 500 % 2 == 0 ? 7u : 3u);
    if (insert) {
      ASSERT_EQ(set.insert(id), model.insert(id).second) << "step " << step;
    } else {
      ASSERT_EQ(set.erase(id), model.erase(id)) << "step " << step;
    }
    ASSERT_EQ(set.size(), model.size());
    ASSERT_EQ(set.empty(), model.empty());
    ASSERT_EQ(Sorted(set), std::vector<StringId>(model.begin(), model.end()));
  }
}

TEST(SmallIdSet, MovesKeepTheIdsInEitherForm) {
  for (const StringId count : {3u, 9u}) {
    SmallIdSet set;
    for (StringId id = 0; id < count; ++id) set.insert(id * 7);
    SmallIdSet moved(std::move(set));
    EXPECT_TRUE(set.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty
    EXPECT_EQ(moved.size(), count);
    SmallIdSet assigned;
    assigned.insert(1);
    assigned = std::move(moved);
    std::vector<StringId> expected;
    for (StringId id = 0; id < count; ++id) expected.push_back(id * 7);
    EXPECT_EQ(Sorted(assigned), expected);
    EXPECT_EQ(assigned.erase(7), 1u);
    EXPECT_EQ(assigned.erase(7), 0u);
  }
}

}  // namespace
}  // namespace spraytrace::detect
