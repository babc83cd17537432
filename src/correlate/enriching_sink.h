// EnrichingSink: the enrichment step between detection and the sinks. A FindingSink decorator:
// each finding gets what the Enricher knows of its sources, then goes on unchanged otherwise.
//   a finding about one source (source_ip set): source_profile (ASN, AS name, country, intel)
//   a finding with several related_ips (campaigns, targeted accounts): sources_profile, the
//     top ASNs and countries with the number of sources in each, and how many are known-bad
// Detection never sees this: findings are enriched after they are made.
// Not thread-safe (the Enricher is not).
#ifndef SPRAYTRACE_CORRELATE_ENRICHING_SINK_H_
#define SPRAYTRACE_CORRELATE_ENRICHING_SINK_H_

#include <cstddef>

#include "correlate/enricher.h"
#include "detect/finding.h"

namespace spraytrace::correlate {

// Rows kept in each top list of a SourcesProfile.
constexpr size_t kDefaultProfileTop = 10;

// Sets finding->source_profile and/or sources_profile from enricher.
void EnrichFinding(Enricher* enricher, detect::Finding* finding, size_t top = kDefaultProfileTop);

class EnrichingSink final : public detect::FindingSink {
 public:
  // REQUIRES: enricher and next outlive the sink.
  EnrichingSink(Enricher* enricher, detect::FindingSink* next, size_t top = kDefaultProfileTop)
      : enricher_(enricher), next_(next), top_(top) {}
  void OnFinding(detect::Finding finding) override;

 private:
  Enricher* enricher_;
  detect::FindingSink* next_;
  size_t top_;
};

}  // namespace spraytrace::correlate

#endif  // SPRAYTRACE_CORRELATE_ENRICHING_SINK_H_
