// IntelSet: the addresses and networks of threat-intel lists, each with the tags of the lists
// that name it, answering "which lists name this address?" with every matching entry (a /32 and
// a /16 holding it both count).
//
// Entries are kept per (family, prefix length) in hash maps of masked networks, so a lookup is
// one probe per distinct prefix length in use (lists mostly hold /32s and a few CIDR sizes).
// Tags are interned; a set of tags has one id. Not thread-safe while adding; Match is safe from
// several threads once loading is done.
#ifndef SPRAYTRACE_CORRELATE_INTEL_SET_H_
#define SPRAYTRACE_CORRELATE_INTEL_SET_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "correlate/ip_network.h"

namespace spraytrace::correlate {

class IntelSet {
 public:
  // Adds network with tag (e.g. "feodo" or "feodo:emotet"); adding it again with another tag
  // gives it both.
  void Add(const IpNetwork& network, std::string_view tag);
  // Ids of the tags of every entry holding ip, sorted and unique, in *tags (cleared first).
  void Match(const IpAddress& ip, std::vector<uint32_t>* tags) const;
  std::string_view tag(uint32_t id) const { return tags_[id]; }

  size_t entries() const { return entries_; }
  bool empty() const { return entries_ == 0; }

 private:
  struct Level {
    bool v4 = true;
    int prefix_len = 0;
    std::unordered_map<IpAddress, uint32_t> networks;  // masked network -> tag set id
  };
  uint32_t TagId(std::string_view tag);
  uint32_t TagSetId(std::vector<uint32_t> tags);
  Level* LevelFor(bool v4, int prefix_len);

  std::vector<Level> levels_;  // ordered by family, then prefix length
  std::vector<std::string> tags_;
  std::unordered_map<std::string, uint32_t> tag_ids_;
  std::vector<std::vector<uint32_t>> tag_sets_;
  std::map<std::vector<uint32_t>, uint32_t> tag_set_ids_;
  size_t entries_ = 0;
};

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_INTEL_SET_H_
