#include "report/blocklist/blocklist_decision.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "report/blocklist/cidr_aggregation.h"

namespace spraytrace::report {
namespace {

// Merging stops here: wider than one provider's allocation, and still a prefix that ipset's
// hash:net and every firewall accept.
constexpr int kWidestMergeV4 = 8;
constexpr int kWidestMergeV6 = 16;

bool IsSelected(const detect::Finding& f, const BlocklistPolicy& policy, BlocklistCounts* counts) {
  const std::string_view name = detect::RuleName(f.rule);
  const bool listed =
      std::any_of(policy.rules.begin(), policy.rules.end(),
                  [&](const std::string& r) { return r == name || r == f.rule_id; });
  if (!listed) {
    ++counts->not_selected_rule;
    return false;
  }
  if (f.confidence < policy.min_confidence) {
    ++counts->below_confidence;
    return false;
  }
  if (f.severity < policy.min_severity) {
    ++counts->below_severity;
    return false;
  }
  return true;
}

void InsertSorted(const std::string& value, std::vector<std::string>* into) {
  if (value.empty()) return;
  auto at = std::lower_bound(into->begin(), into->end(), value);
  if (at == into->end() || *at != value) into->insert(at, value);
}

// Folds from into *into (the network stays into's).
void Combine(const BlockEntry& from, BlockEntry* into) {
  into->first_seen = std::min(into->first_seen, from.first_seen);
  into->last_seen = std::max(into->last_seen, from.last_seen);
  into->confidence = std::max(into->confidence, from.confidence);
  into->severity = std::max(into->severity, from.severity);
  into->addresses += from.addresses;
  into->accounts = std::max(into->accounts, from.accounts);
  for (const std::string& r : from.rule_ids) InsertSorted(r, &into->rule_ids);
  for (const std::string& c : from.campaigns) InsertSorted(c, &into->campaigns);
}

BlockEntry EntryFor(const detect::Finding& f, const IpAddress& address) {
  BlockEntry e;
  e.network = IpNetwork::Host(address);
  e.first_seen = f.start;
  e.last_seen = std::max(f.end, f.triggered);
  e.confidence = f.confidence;
  e.severity = f.severity;
  e.addresses = 1;
  e.accounts = f.distinct_accounts;
  if (e.accounts == 0) {  // findings read back from a file without spraytrace.distinct_accounts
    e.accounts = std::max<uint64_t>(f.related_users.size(), f.user_name.empty() ? 0 : 1);
  }
  InsertSorted(f.rule_id.empty() ? std::string(detect::RuleName(f.rule)) : f.rule_id, &e.rule_ids);
  InsertSorted(f.campaign, &e.campaigns);
  return e;
}

// Every address the selected findings attribute, combined per address.
std::unordered_map<IpAddress, BlockEntry> AttributedAddresses(
    const std::vector<detect::Finding>& findings, const BlocklistPolicy& policy,
    BlocklistCounts* counts) {
  std::unordered_map<IpAddress, BlockEntry> by_address;
  for (const detect::Finding& f : findings) {
    ++counts->findings;
    if (!IsSelected(f, policy, counts)) continue;
    ++counts->findings_selected;
    std::vector<IpAddress> addresses = f.related_ips;
    if (f.source_ip) addresses.push_back(*f.source_ip);
    for (const IpAddress& address : addresses) {
      BlockEntry e = EntryFor(f, address);
      auto [it, inserted] = by_address.try_emplace(address, e);
      if (!inserted) {
        e.addresses = 0;  // the same address again
        Combine(e, &it->second);
      }
    }
  }
  counts->addresses = by_address.size();
  return by_address;
}

bool AnyContains(const std::vector<IpNetwork>& networks, const IpAddress& address) {
  return std::any_of(networks.begin(), networks.end(),
                     [&](const IpNetwork& n) { return n.Contains(address); });
}

bool AnyOverlaps(const std::vector<IpNetwork>& networks, const IpNetwork& network) {
  return std::any_of(networks.begin(), networks.end(),
                     [&](const IpNetwork& n) { return n.Overlaps(network); });
}

// Entries folded per AggregateNetworks' grouping of their networks.
std::vector<BlockEntry> Fold(std::vector<BlockEntry> entries, const AggregationOptions& options) {
  std::vector<IpNetwork> networks;
  networks.reserve(entries.size());
  for (const BlockEntry& e : entries) networks.push_back(e.network);
  std::vector<BlockEntry> out;
  for (const AggregatedNetwork& group : AggregateNetworks(networks, options)) {
    BlockEntry folded = entries[group.members.front()];
    folded.network = group.network;
    for (size_t i = 1; i < group.members.size(); ++i) Combine(entries[group.members[i]], &folded);
    out.push_back(std::move(folded));
  }
  return out;
}

// Sets expiry and drops what expired by list->as_of.
void ApplyTtl(std::vector<BlockEntry> entries, Blocklist* list) {
  list->entries.clear();
  for (BlockEntry& e : entries) {
    e.expires = e.last_seen + list->ttl;
    if (e.expires <= list->as_of) {
      ++list->counts.expired;
      continue;
    }
    list->entries.push_back(std::move(e));
  }
}

// The campaigns list->entries name, from every finding of each.
void CollectCampaigns(const std::vector<detect::Finding>& findings, Blocklist* list) {
  std::map<std::string, std::vector<const detect::Finding*>> members;
  for (const BlockEntry& e : list->entries) {
    for (const std::string& c : e.campaigns) members.try_emplace(c);
  }
  for (const detect::Finding& f : findings) {
    if (auto it = members.find(f.campaign); it != members.end()) it->second.push_back(&f);
  }
  for (auto& [id, of] : members) {
    // By time, then by message: the order findings arrived in does not matter.
    std::sort(of.begin(), of.end(), [](const detect::Finding* a, const detect::Finding* b) {
      return std::tie(a->start, a->end, a->summary) < std::tie(b->start, b->end, b->summary);
    });
    BlockCampaign c;
    c.id = id;
    c.first_seen = of.front()->start;
    c.last_seen = of.front()->end;
    std::vector<IpAddress> sources;
    for (const detect::Finding* f : of) {
      c.first_seen = std::min(c.first_seen, f->start);
      c.last_seen = std::max({c.last_seen, f->end, f->triggered});
      if (f->rule != detect::Rule::kDistributedSpray) continue;
      if (!f->summary.empty()) c.period_summaries.push_back(f->summary);
      sources.insert(sources.end(), f->related_ips.begin(), f->related_ips.end());
      c.accounts = std::max(c.accounts, f->distinct_accounts);
    }
    std::sort(sources.begin(), sources.end());
    c.sources =
        static_cast<uint64_t>(std::unique(sources.begin(), sources.end()) - sources.begin());
    list->campaigns.push_back(std::move(c));
  }
}

}  // namespace

Blocklist DecideBlocklist(const std::vector<detect::Finding>& findings,
                          const BlocklistPolicy& policy, std::optional<Timestamp> as_of) {
  Blocklist list;
  list.ttl = policy.ttl;
  const auto by_address = AttributedAddresses(findings, policy, &list.counts);
  Timestamp latest = 0;
  for (const auto& [address, e] : by_address) latest = std::max(latest, e.last_seen);
  list.as_of = as_of.value_or(latest);

  const std::vector<IpNetwork> allowed = policy.AllowedNetworks();
  std::map<IpNetwork, BlockEntry> by_network;  // ordered: the output does not depend on hashing
  for (const auto& [address, e] : by_address) {
    if (AnyContains(allowed, address)) {
      ++list.counts.allowed;
      continue;
    }
    IpNetwork scoped(address, address.is_v4() ? policy.scope_v4 : policy.scope_v6);
    if (!scoped.is_host() && AnyOverlaps(allowed, scoped)) {
      scoped = IpNetwork::Host(address);
      ++list.counts.narrowed;
    }
    auto [it, inserted] = by_network.try_emplace(scoped, e);
    if (inserted) {
      it->second.network = scoped;
    } else {
      Combine(e, &it->second);
    }
  }
  std::vector<BlockEntry> entries;
  for (auto& [network, e] : by_network) entries.push_back(std::move(e));
  AggregationOptions contained_only;
  contained_only.merge_siblings = false;
  ApplyTtl(Fold(std::move(entries), contained_only), &list);
  CollectCampaigns(findings, &list);
  return list;
}

Blocklist AggregateBlocklist(const Blocklist& list) {
  Blocklist out;
  out.as_of = list.as_of;
  out.ttl = list.ttl;
  out.aggregated = true;
  out.counts = list.counts;
  out.counts.before_aggregation = list.entries.size();
  out.campaigns = list.campaigns;  // folding unites entries' campaigns: the same set
  AggregationOptions options;
  options.v4_min_prefix = kWidestMergeV4;
  options.v6_min_prefix = kWidestMergeV6;
  std::vector<BlockEntry> folded = Fold(list.entries, options);
  for (BlockEntry& e : folded) e.expires = e.last_seen + out.ttl;
  out.entries = std::move(folded);
  return out;
}

}  // namespace spraytrace::report
