#include "report/blocklist/nft_writer.h"

#include <fmt/format.h>

#include "report/blocklist/blocklist_header.h"

namespace spraytrace::report {
namespace {

void AppendFamily(const Blocklist& list, const std::string& table, bool v4, std::string* out) {
  const std::string set = fmt::format("{}_{}", table, v4 ? "v4" : "v6");
  std::string elements;
  for (const BlockEntry& e : list.entries) {
    if (e.network.is_v4() != v4) continue;
    elements += fmt::format("{}\n  {} timeout {}s", elements.empty() ? "" : ",",
                            e.network.ToCompactString(), RemainingSeconds(e, list));
  }
  *out += fmt::format("add set inet {} {} {{ type {}; flags interval, timeout; }}\n", table, set,
                      v4 ? "ipv4_addr" : "ipv6_addr");
  *out += fmt::format("flush set inet {} {}\n", table, set);
  // nft refuses an empty element list; an empty set is simply left flushed.
  if (!elements.empty())
    *out += fmt::format("add element inet {} {} {{{}\n}}\n", table, set, elements);
}

}  // namespace

std::string RenderNftBlocklist(const Blocklist& list, const BlocklistPolicy& policy) {
  std::string out = "#!/usr/sbin/nft -f\n";
  out += BlocklistHeader(list, policy);
  out += fmt::format(
      "# Load with: nft -f FILE (again to replace the list). Match it from your own rules:\n"
      "#   nft add rule inet filter input ip saddr @{0}_v4 drop\n"
      "#   nft add rule inet filter input ip6 saddr @{0}_v6 drop\n",
      policy.name);
  out += fmt::format("add table inet {}\n", policy.name);
  AppendFamily(list, policy.name, true, &out);
  AppendFamily(list, policy.name, false, &out);
  return out;
}

}  // namespace spraytrace::report
