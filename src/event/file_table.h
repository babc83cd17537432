// FileTable: the input names a run read, so evidence can cite "file:line" by a small index.
#ifndef SPRAYTRACE_EVENT_FILE_TABLE_H_
#define SPRAYTRACE_EVENT_FILE_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spraytrace {

class FileTable {
 public:
  uint32_t Add(std::string_view path) {
    paths_.emplace_back(path);
    return static_cast<uint32_t>(paths_.size() - 1);
  }
  // "-" for stdin. REQUIRES: id was returned by Add().
  const std::string& Path(uint32_t id) const { return paths_[id]; }
  size_t size() const { return paths_.size(); }

 private:
  std::vector<std::string> paths_;
};

}  // namespace spraytrace

#endif  // SPRAYTRACE_EVENT_FILE_TABLE_H_
