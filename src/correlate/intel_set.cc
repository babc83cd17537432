#include "correlate/intel_set.h"

#include <algorithm>

namespace spraytrace::correlate {

uint32_t IntelSet::TagId(std::string_view tag) {
  auto [it, added] = tag_ids_.try_emplace(std::string(tag), static_cast<uint32_t>(tags_.size()));
  if (added) tags_.push_back(it->first);
  return it->second;
}

uint32_t IntelSet::TagSetId(std::vector<uint32_t> tags) {
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  auto [it, added] = tag_set_ids_.try_emplace(tags, static_cast<uint32_t>(tag_sets_.size()));
  if (added) tag_sets_.push_back(std::move(tags));
  return it->second;
}

IntelSet::Level* IntelSet::LevelFor(bool v4, int prefix_len) {
  auto it = std::lower_bound(levels_.begin(), levels_.end(), std::make_pair(v4, prefix_len),
                             [](const Level& level, const std::pair<bool, int>& key) {
                               return std::make_pair(level.v4, level.prefix_len) < key;
                             });
  if (it == levels_.end() || it->v4 != v4 || it->prefix_len != prefix_len) {
    it = levels_.insert(it, Level{v4, prefix_len, {}});
  }
  return &*it;
}

void IntelSet::Add(const IpNetwork& network, std::string_view tag) {
  const uint32_t tag_id = TagId(tag);
  Level* level = LevelFor(network.base.is_v4(), network.prefix_len);
  auto [it, added] = level->networks.try_emplace(network.base, 0);
  if (added) {
    ++entries_;
    it->second = TagSetId({tag_id});
    return;
  }
  std::vector<uint32_t> tags = tag_sets_[it->second];
  tags.push_back(tag_id);
  it->second = TagSetId(std::move(tags));
}

void IntelSet::Match(const IpAddress& ip, std::vector<uint32_t>* tags) const {
  tags->clear();
  const bool v4 = ip.is_v4();
  for (const Level& level : levels_) {
    if (level.v4 != v4) continue;
    const auto it = level.networks.find(ip.Masked(level.prefix_len));
    if (it == level.networks.end()) continue;
    const std::vector<uint32_t>& set = tag_sets_[it->second];
    tags->insert(tags->end(), set.begin(), set.end());
  }
  std::sort(tags->begin(), tags->end());
  tags->erase(std::unique(tags->begin(), tags->end()), tags->end());
}

}  // namespace spraytrace::correlate
