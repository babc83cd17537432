// TopCounter against a model that prunes the plain way (sort everything by count, then key; keep
// the first `capacity`): the same counts survive every prune, on streams where most keys are seen
// once (a covert spray's sources), where a few dominate, and where ties straddle the cut.
#include "report/top_counter.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace spraytrace::report {
namespace {

template <typename Key>
class ModelCounter {
 public:
  explicit ModelCounter(size_t capacity) : capacity_(capacity) {}
  void Add(const Key& key) {
    ++counts_[key];
    if (counts_.size() >= 2 * capacity_) {
      std::vector<std::pair<Key, uint64_t>> all = Top(counts_.size());
      all.resize(std::min(all.size(), capacity_));
      counts_ = std::map<Key, uint64_t>(all.begin(), all.end());
    }
  }
  std::vector<std::pair<Key, uint64_t>> Top(size_t k) const {
    std::vector<std::pair<Key, uint64_t>> all(counts_.begin(), counts_.end());
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    all.resize(std::min(k, all.size()));
    return all;
  }
  size_t size() const { return counts_.size(); }

 private:
  size_t capacity_;
  std::map<Key, uint64_t> counts_;  // key order: stable_sort leaves ties by key
};

template <typename Key, typename Draw>
void ExpectSameAsModel(size_t capacity, int adds, Draw draw) {
  TopCounter<Key> counter(capacity);
  ModelCounter<Key> model(capacity);
  for (int i = 0; i < adds; ++i) {
    const Key key = draw();
    counter.Add(key);
    model.Add(key);
    ASSERT_EQ(counter.size(), model.size()) << "after add " << i;
  }
  EXPECT_EQ(counter.Top(capacity * 2), model.Top(capacity * 2));
}

TEST(TopCounter, PrunesToWhatSortingEverythingKeeps) {
  std::mt19937 random(7);
  for (const size_t capacity : {1u, 2u, 5u, 64u}) {
    SCOPED_TRACE(capacity);
    // Mostly seen once: every prune cuts through ties at count 1.
    ExpectSameAsModel<std::string>(capacity, 4000, [&] {
      return "198.51." + std::to_string(random() % 256) + "." + std::to_string(random() % 256);
    });
    // A few heavy hitters among noise.
    ExpectSameAsModel<std::string>(capacity, 4000, [&] {
      return random() % 3 == 0 ? "heavy" + std::to_string(random() % 4)
                               : "noise" + std::to_string(random() % 5000);
    });
    // Small key space: counts climb and tie at many values.
    ExpectSameAsModel<uint32_t>(capacity, 4000,
                                [&] { return static_cast<uint32_t>(random() % (4 * capacity)); });
  }
}

TEST(TopCounter, HeavyHittersSurvivePrunes) {
  TopCounter<std::string> counter(8);
  for (int i = 0; i < 10000; ++i) {
    counter.AddText(i % 10 == 0 ? "203.0.113.7" : "10.0." + std::to_string(i) + ".1");
  }
  const auto top = counter.Top(1);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].first, "203.0.113.7");
  EXPECT_EQ(top[0].second, 1000u);
  EXPECT_LT(counter.size(), 16u);
}

}  // namespace
}  // namespace spraytrace::report
