// Aggregation of CIDR blocks: the fewest networks that cover exactly the addresses of the input.
//
// Networks contained in another are folded into it, and two sibling networks (the two halves of
// one parent, e.g. 192.0.2.0/25 and 192.0.2.128/25) are merged into the parent, repeatedly. The
// output never covers an address the input did not, so an allow-list checked on the input
// still holds for the output. IPv4 and IPv6 never merge with each other. Pure functions.
#ifndef SPRAYTRACE_REPORT_BLOCKLIST_CIDR_AGGREGATION_H_
#define SPRAYTRACE_REPORT_BLOCKLIST_CIDR_AGGREGATION_H_

#include <cstddef>
#include <vector>

#include "event/ip_network.h"

namespace spraytrace::report {

struct AggregationOptions {
  // False: only identical and contained networks are folded (each output is an input network).
  bool merge_siblings = true;
  // Merging stops at these prefix lengths: no output is wider than /v4_min_prefix (IPv4) or
  // /v6_min_prefix (IPv6) unless an input network already was.
  int v4_min_prefix = 0;
  int v6_min_prefix = 0;
};

struct AggregatedNetwork {
  IpNetwork network;
  std::vector<size_t> members;  // indices of the input networks it covers, ascending
};

// Sorted (IpNetwork order) and pairwise disjoint. O(n log n).
std::vector<AggregatedNetwork> AggregateNetworks(const std::vector<IpNetwork>& networks,
                                                 const AggregationOptions& options = {});

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_BLOCKLIST_CIDR_AGGREGATION_H_
