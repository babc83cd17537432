#include "correlate/enricher.h"

#include <fmt/format.h>

namespace spraytrace::correlate {

Result<std::unique_ptr<Enricher>> Enricher::Open(const EnrichmentOptions& options,
                                                 Diagnostics* diagnostics) {
  std::unique_ptr<Enricher> e(new Enricher(options, diagnostics));
  auto open_mmdb = [&](const std::string& path, std::string_view role,
                       std::unique_ptr<MmdbDatabase>* out) -> Status {
    if (path.empty()) return Status::Ok();
    auto db = MmdbDatabase::Open(path);
    if (!db) return db.error();
    e->loaded_.push_back(fmt::format("{} {}: MaxMind database '{}', {} nodes", role, path,
                                     (*db)->database_type(), (*db)->node_count()));
    *out = std::move(*db);
    return Status::Ok();
  };
  if (Status s = open_mmdb(options.asn_db, "--asn-db", &e->asn_db_); !s.ok()) return s;
  if (Status s = open_mmdb(options.geo_db, "--geo-db", &e->geo_db_); !s.ok()) return s;
  if (!options.ip2asn.empty()) {
    auto table = Ip2asnTable::Load(options.ip2asn, diagnostics);
    if (!table) return table.error();
    const Ip2asnStats& st = table->stats();
    e->loaded_.push_back(
        fmt::format("--ip2asn {}: {} ranges{}{}", options.ip2asn, st.ranges,
                    st.bad_lines ? fmt::format(", {} bad lines", st.bad_lines) : "",
                    st.overlapping ? ", overlapping (most specific wins)" : ""));
    e->ip2asn_.emplace(std::move(*table));
  }
  for (const std::string& path : options.intel) {
    auto stats = LoadIntelFile(path, &e->intel_, diagnostics);
    if (!stats) return stats.error();
    e->loaded_.push_back(fmt::format(
        "--intel {}: {} list '{}', {} entries{}{}", path, IntelFormatName(stats->format),
        stats->name, stats->entries, stats->bad ? fmt::format(", {} bad", stats->bad) : "",
        stats->not_address ? fmt::format(", {} indicators not about addresses", stats->not_address)
                           : ""));
  }
  return e;
}

uint32_t Enricher::Intern(std::string_view text) {
  if (const auto it = string_ids_.find(text); it != string_ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(strings_.size());
  strings_.emplace_back(text);
  string_ids_.emplace(strings_.back(), id);
  return id;
}

uint32_t Enricher::InternTagSet(const std::vector<uint32_t>& intel_tags) {
  if (const auto it = tag_set_ids_.find(intel_tags); it != tag_set_ids_.end()) return it->second;
  const auto id = static_cast<uint32_t>(tag_sets_.size());
  std::vector<std::string_view> views;
  for (uint32_t tag : intel_tags) views.push_back(strings_[Intern(intel_.tag(tag))]);
  tag_sets_.push_back(std::move(views));
  tag_set_ids_.emplace(intel_tags, id);
  return id;
}

void Enricher::AskMmdb(const MmdbDatabase& db, const IpAddress& ip, Cached* out) {
  MmdbAnswer answer;
  if (Status s = db.Lookup(ip, &answer); !s.ok()) {
    ++stats_.lookup_errors;
    diagnostics_->Report(DiagnosticKind::kBadEnrichmentData, db.path(), 0, s.message());
    return;
  }
  if (out->asn == 0 && answer.asn != 0) {
    out->asn = answer.asn;
    if (!answer.organization.empty()) out->organization = Intern(answer.organization);
  }
  if (out->country == kNone && answer.country[0] != '\0') {
    out->country = Intern(std::string_view(answer.country.data(), 2));
  }
}

Enricher::Cached Enricher::Resolve(const IpAddress& ip) {
  Cached c;
  if (asn_db_) AskMmdb(*asn_db_, ip, &c);
  if (geo_db_) {
    // The geo database's country comes first: ask it before the ASN database's country stands.
    Cached geo;
    AskMmdb(*geo_db_, ip, &geo);
    if (geo.country != kNone) c.country = geo.country;
    if (c.asn == 0 && geo.asn != 0) {
      c.asn = geo.asn;
      c.organization = geo.organization;
    }
  }
  if (ip2asn_ && (c.asn == 0 || c.country == kNone)) {
    if (const std::optional<AsRecord> as = ip2asn_->Lookup(ip)) {
      if (c.asn == 0) {
        c.asn = as->asn;
        if (!as->organization.empty()) c.organization = Intern(as->organization);
      }
      if (c.country == kNone && !as->country.empty()) c.country = Intern(as->country);
    }
  }
  if (!intel_.empty()) {
    intel_.Match(ip, &match_);
    if (!match_.empty()) c.intel = InternTagSet(match_);
  }
  return c;
}

SourceInfo Enricher::View(const Cached& c) const {
  SourceInfo info;
  info.asn = c.asn;
  if (c.organization != kNone) info.as_organization = strings_[c.organization];
  if (c.country != kNone) info.country = strings_[c.country];
  if (c.intel != kNone) info.intel = tag_sets_[c.intel];
  return info;
}

SourceInfo Enricher::Lookup(const IpAddress& ip) {
  ++stats_.lookups;
  if (const auto it = cache_.find(ip); it != cache_.end()) {
    ++stats_.cache_hits;
    return View(it->second);
  }
  const Cached c = Resolve(ip);
  if (cache_.size() >= options_.max_cached_sources) {
    cache_.clear();
    ++stats_.cache_resets;
  }
  cache_.emplace(ip, c);
  return View(c);
}

}  // namespace spraytrace::correlate
