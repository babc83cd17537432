#include "correlate/enriching_sink.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace spraytrace::correlate {
namespace {

detect::SourceProfile ProfileOf(const SourceInfo& info) {
  detect::SourceProfile p;
  p.asn = info.asn;
  p.as_organization = std::string(info.as_organization);
  p.country_iso_code = std::string(info.country);
  p.intel.assign(info.intel.begin(), info.intel.end());
  return p;
}

// The top entries of counts, most first, ties by key.
template <typename Key>
std::vector<std::pair<Key, uint64_t>> Top(const std::unordered_map<Key, uint64_t>& counts,
                                          size_t top) {
  std::vector<std::pair<Key, uint64_t>> rows(counts.begin(), counts.end());
  auto more = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  if (rows.size() > top) {
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(top), rows.end(),
                      more);
    rows.resize(top);
  } else {
    std::sort(rows.begin(), rows.end(), more);
  }
  return rows;
}

detect::SourcesProfile SummaryOf(Enricher* enricher, const std::vector<IpAddress>& ips,
                                 size_t top) {
  detect::SourcesProfile p;
  std::unordered_map<uint32_t, uint64_t> asns;
  std::unordered_map<uint32_t, std::string_view> organizations;
  std::unordered_map<std::string_view, uint64_t> countries;
  std::unordered_map<std::string_view, uint64_t> tags;
  for (const IpAddress& ip : ips) {
    const SourceInfo info = enricher->Lookup(ip);
    ++p.sources;
    if (info.asn != 0) {
      ++p.with_asn;
      ++asns[info.asn];
      if (!info.as_organization.empty()) organizations.try_emplace(info.asn, info.as_organization);
    }
    if (!info.country.empty()) {
      ++p.with_country;
      ++countries[info.country];
    }
    if (!info.intel.empty()) ++p.known_bad;
    for (std::string_view tag : info.intel) ++tags[tag];
  }
  p.distinct_asns = asns.size();
  p.distinct_countries = countries.size();
  for (const auto& [asn, count] : Top(asns, top)) {
    const auto org = organizations.find(asn);
    p.asns.push_back(detect::AsnCount{
        asn, org == organizations.end() ? std::string() : std::string(org->second), count});
  }
  for (const auto& [country, count] : Top(countries, top)) {
    p.countries.push_back(detect::NameCount{std::string(country), count});
  }
  for (const auto& [tag, count] : Top(tags, top)) {
    p.intel.push_back(detect::NameCount{std::string(tag), count});
  }
  return p;
}

}  // namespace

void EnrichFinding(Enricher* enricher, detect::Finding* finding, size_t top) {
  if (finding->source_ip)
    finding->source_profile = ProfileOf(enricher->Lookup(*finding->source_ip));
  if (finding->related_ips.size() > 1) {
    finding->sources_profile = SummaryOf(enricher, finding->related_ips, top);
  }
}

void EnrichingSink::OnFinding(detect::Finding finding) {
  EnrichFinding(enricher_, &finding, top_);
  next_->OnFinding(std::move(finding));
}

}  // namespace spraytrace::correlate
