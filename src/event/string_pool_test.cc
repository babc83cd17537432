// StringPool: dense ids, stable views across segment boundaries, and the one guarantee a
// pipelined scan relies on: View() of handed-over ids while another thread interns.
#include "event/string_pool.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace spraytrace {
namespace {

std::string TextOf(size_t i) {
  // Mixed sizes, with some over the pool's large-string cut (a quarter of its 64 KiB chunks).
  if (i % 5000 == 7) return std::string(20000 + i % 17, static_cast<char>('a' + i % 26));
  return "user-" + std::to_string(i) + (i % 3 == 0 ? "@example.org" : "");
}

TEST(StringPool, EmptyStringIsIdZeroAndAbsent) {
  StringPool pool;
  EXPECT_EQ(pool.Intern(""), kNoString);
  EXPECT_EQ(pool.View(kNoString), "");
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.Find("root"), kNoString);
}

TEST(StringPool, IdsAreDenseAndViewsSurviveGrowthAcrossSegments) {
  StringPool pool;
  constexpr size_t kCount = 100'000;  // segments of 1024, 2048, ... views: seven boundaries
  std::vector<std::string_view> first_views;
  for (size_t i = 0; i < kCount; ++i) {
    const StringId id = pool.Intern(TextOf(i));
    ASSERT_EQ(id, i + 1);
    first_views.push_back(pool.View(id));
  }
  EXPECT_EQ(pool.size(), kCount + 1);
  for (size_t i = 0; i < kCount; ++i) {
    const auto id = static_cast<StringId>(i + 1);
    ASSERT_EQ(pool.View(id), TextOf(i));
    ASSERT_EQ(pool.View(id).data(), first_views[i].data()) << "storage moved for id " << id;
    ASSERT_EQ(pool.Intern(TextOf(i)), id) << "interned twice";
    ASSERT_EQ(pool.Find(TextOf(i)), id);
  }
  // Bytes with NUL and high bytes are strings like any other.
  const std::string odd("a\0b\xff", 4);
  const StringId odd_id = pool.Intern(odd);
  EXPECT_EQ(pool.View(odd_id), odd);
  EXPECT_NE(pool.Intern(std::string("a\0c\xff", 4)), odd_id);
}

// One thread interns (new strings and repeats), another views every id it is handed through a
// mutex-guarded queue, as the detect thread does with events from the parse thread. Run under
// ThreadSanitizer this is where a table that moves on growth shows up as a race.
TEST(StringPool, ViewOfHandedOverIdsIsSafeWhileAnotherThreadInterns) {
  StringPool pool;
  constexpr size_t kCount = 300'000;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::vector<std::pair<StringId, size_t>>> queue;
  bool finished = false;

  std::thread interning([&] {
    std::vector<std::pair<StringId, size_t>> batch;
    for (size_t i = 0; i < kCount; ++i) {
      batch.emplace_back(pool.Intern(TextOf(i)), i);
      if (i % 7 == 0) batch.emplace_back(pool.Intern(TextOf(i / 2)), i / 2);  // a repeat
      if (batch.size() >= 64) {
        std::lock_guard<std::mutex> lock(mutex);
        queue.push_back(std::move(batch));
        batch.clear();
        changed.notify_one();
      }
    }
    std::lock_guard<std::mutex> lock(mutex);
    queue.push_back(std::move(batch));
    finished = true;
    changed.notify_one();
  });

  size_t viewed = 0;
  size_t wrong = 0;
  for (;;) {
    std::vector<std::pair<StringId, size_t>> batch;
    {
      std::unique_lock<std::mutex> lock(mutex);
      changed.wait(lock, [&] { return !queue.empty() || finished; });
      if (queue.empty()) break;
      batch = std::move(queue.front());
      queue.pop_front();
    }
    for (const auto& [id, i] : batch) {
      wrong += pool.View(id) == TextOf(i) ? 0 : 1;
      ++viewed;
    }
  }
  interning.join();
  EXPECT_EQ(wrong, 0u);
  EXPECT_EQ(viewed, kCount + (kCount + 6) / 7);
  EXPECT_EQ(pool.size(), kCount + 1);
}

}  // namespace
}  // namespace spraytrace
