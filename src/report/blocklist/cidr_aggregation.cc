#include "report/blocklist/cidr_aggregation.h"

#include <algorithm>
#include <numeric>

namespace spraytrace::report {
namespace {

bool AreSiblings(const IpNetwork& a, const IpNetwork& b) {
  return a.is_v4() == b.is_v4() && a.prefix_len() == b.prefix_len() && a.prefix_len() > 0 &&
         a != b && a.Parent() == b.Parent();
}

bool MayMergeInto(const IpNetwork& parent, const AggregationOptions& options) {
  return parent.prefix_len() >= (parent.is_v4() ? options.v4_min_prefix : options.v6_min_prefix);
}

// While the two networks on top of the stack are siblings, replaces them by their parent.
void MergeTop(std::vector<AggregatedNetwork>* stack, const AggregationOptions& options) {
  while (stack->size() >= 2) {
    AggregatedNetwork& upper = stack->back();
    AggregatedNetwork& lower = (*stack)[stack->size() - 2];
    if (!AreSiblings(lower.network, upper.network) ||
        !MayMergeInto(lower.network.Parent(), options)) {
      return;
    }
    lower.network = lower.network.Parent();
    lower.members.insert(lower.members.end(), upper.members.begin(), upper.members.end());
    stack->pop_back();
  }
}

}  // namespace

// Sorted, a network comes before everything it contains, and an input can only be contained in
// (or merge with) the network on top of the stack: every earlier one ends before it starts.
std::vector<AggregatedNetwork> AggregateNetworks(const std::vector<IpNetwork>& networks,
                                                 const AggregationOptions& options) {
  std::vector<size_t> order(networks.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return networks[a] < networks[b]; });
  std::vector<AggregatedNetwork> stack;
  for (size_t index : order) {
    const IpNetwork& network = networks[index];
    if (!stack.empty() && stack.back().network.Contains(network)) {
      stack.back().members.push_back(index);
      continue;
    }
    stack.push_back({network, {index}});
    if (options.merge_siblings) MergeTop(&stack, options);
  }
  for (AggregatedNetwork& a : stack) std::sort(a.members.begin(), a.members.end());
  return stack;
}

}  // namespace spraytrace::report
