#include "report/blocklist/blocklist_header.h"

#include <fmt/format.h>

#include <algorithm>

namespace spraytrace::report {

std::string BlocklistHeader(const Blocklist& list, const BlocklistPolicy& policy) {
  const BlocklistCounts& c = list.counts;
  std::string rules;
  for (const std::string& r : policy.rules)
    rules += fmt::format("{}{}", rules.empty() ? "" : ",", r);
  std::string out =
      fmt::format("# spraytrace blocklist: {} entries{}, as of {}\n", list.entries.size(),
                  list.aggregated ? fmt::format(" (aggregated from {})", c.before_aggregation) : "",
                  FormatIso8601(list.as_of));
  out += fmt::format("# from {} addresses attributed by {} of {} findings\n", c.addresses,
                     c.findings_selected, c.findings);
  out += fmt::format(
      "# policy: rules {}; confidence >= {}; severity >= {}; scope IPv4 /{}, IPv6 /{}; ttl {} "
      "after the last evidence\n",
      rules, policy.min_confidence, policy.min_severity, policy.scope_v4, policy.scope_v6,
      FormatDuration(list.ttl));
  out += fmt::format(
      "# not blocked: {} allowed addresses ({} more narrowed to the address), {} expired "
      "entries\n",
      c.allowed, c.narrowed, c.expired);
  return out;
}

int64_t RemainingSeconds(const BlockEntry& entry, const Blocklist& list) {
  const Micros left = entry.expires - list.as_of;
  return std::max<int64_t>(1, (left + kMicrosPerSecond - 1) / kMicrosPerSecond);
}

}  // namespace spraytrace::report
