#include "event/string_pool.h"

#include <cstring>

namespace spraytrace {

StringPool::StringPool() {
  Append(std::string_view());
  ids_.emplace(std::string_view(), kNoString);
}

void StringPool::Append(std::string_view stored) {
  const Slot slot = SlotOf(static_cast<StringId>(size_));
  if (slot.index == 0) {
    // A new segment: written before any id in it is handed over, never moved or freed after.
    segments_[slot.segment] = std::make_unique<std::string_view[]>(kFirstSegment << slot.segment);
  }
  segments_[slot.segment][slot.index] = stored;
  ++size_;
}

std::string_view StringPool::Store(std::string_view text) {
  if (text.size() > kChunkSize / 4) {
    large_.push_back(std::make_unique<char[]>(text.size()));
    large_bytes_ += text.size();
    std::memcpy(large_.back().get(), text.data(), text.size());
    return {large_.back().get(), text.size()};
  }
  if (chunk_used_ + text.size() > kChunkSize) {
    chunks_.push_back(std::make_unique<char[]>(kChunkSize));
    chunk_used_ = 0;
  }
  char* dest = chunks_.back().get() + chunk_used_;
  std::memcpy(dest, text.data(), text.size());
  chunk_used_ += text.size();
  return {dest, text.size()};
}

StringId StringPool::Intern(std::string_view text) {
  if (auto it = ids_.find(text); it != ids_.end()) return it->second;
  const std::string_view stored = Store(text);
  const auto id = static_cast<StringId>(size_);
  Append(stored);
  ids_.emplace(stored, id);
  return id;
}

StringId StringPool::Find(std::string_view text) const {
  auto it = ids_.find(text);
  return it == ids_.end() ? kNoString : it->second;
}

}  // namespace spraytrace
