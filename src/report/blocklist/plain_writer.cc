#include "report/blocklist/plain_writer.h"

#include "report/blocklist/blocklist_header.h"

namespace spraytrace::report {

std::string RenderPlainBlocklist(const Blocklist& list, const BlocklistPolicy& policy) {
  std::string out = BlocklistHeader(list, policy);
  for (const BlockEntry& e : list.entries) {
    out += e.network.ToCompactString();
    out += '\n';
  }
  return out;
}

}  // namespace spraytrace::report
