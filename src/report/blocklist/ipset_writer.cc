#include "report/blocklist/ipset_writer.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/blocklist/blocklist_header.h"

namespace spraytrace::report {
namespace {

// ipset's default maxelem; raised when the list is longer.
constexpr size_t kDefaultMaxElements = 65'536;

void AppendFamily(const Blocklist& list, const std::string& name, bool v4, std::string* out) {
  const std::string set = fmt::format("{}_{}", name, v4 ? "v4" : "v6");
  std::string adds;
  size_t count = 0;
  for (const BlockEntry& e : list.entries) {
    if (e.network.is_v4() != v4) continue;
    ++count;
    adds += fmt::format("add {} {} timeout {} -exist\n", set, e.network.ToCompactString(),
                        std::min(RemainingSeconds(e, list), kIpsetMaxTimeoutSeconds));
  }
  const int64_t default_timeout =
      std::min<int64_t>(list.ttl / kMicrosPerSecond, kIpsetMaxTimeoutSeconds);
  *out += fmt::format("create {} hash:net family {} timeout {} maxelem {} -exist\n", set,
                      v4 ? "inet" : "inet6", default_timeout, std::max(count, kDefaultMaxElements));
  *out += fmt::format("flush {}\n", set);
  *out += adds;
}

}  // namespace

std::string RenderIpsetBlocklist(const Blocklist& list, const BlocklistPolicy& policy) {
  std::string out = BlocklistHeader(list, policy);
  out += fmt::format(
      "# Load with: ipset restore -f FILE (again to replace the list). Match it from iptables:\n"
      "#   iptables -I INPUT -m set --match-set {0}_v4 src -j DROP\n"
      "#   ip6tables -I INPUT -m set --match-set {0}_v6 src -j DROP\n",
      policy.name);
  AppendFamily(list, policy.name, true, &out);
  AppendFamily(list, policy.name, false, &out);
  return out;
}

}  // namespace spraytrace::report
