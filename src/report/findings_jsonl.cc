#include "report/findings_jsonl.h"

namespace spraytrace::report {
namespace {

void WriteEvent(const detect::Finding& f, JsonWriter* json) {
  json->Key("event");
  json->BeginObject();
  json->Key("kind");
  json->String("alert");
  json->Key("category");
  json->BeginArray();
  json->String("authentication");
  json->EndArray();
  json->Key("type");
  json->BeginArray();
  json->String("info");
  json->EndArray();
  json->Key("start");
  json->String(FormatIso8601(f.start));
  json->Key("end");
  json->String(FormatIso8601(f.end));
  json->Key("severity");
  json->Int(f.severity);
  json->EndObject();
}

void WriteRelated(const detect::Finding& f, JsonWriter* json) {
  json->Key("related");
  json->BeginObject();
  json->Key("ip");
  json->BeginArray();
  for (const IpAddress& ip : f.related_ips) json->String(ip.ToString());
  json->EndArray();
  json->Key("user");
  json->BeginArray();
  for (const std::string& user : f.related_users) json->String(user);
  json->EndArray();
  if (!f.source_host.empty()) {
    json->Key("hosts");
    json->BeginArray();
    json->String(f.source_host);
    json->EndArray();
  }
  json->EndObject();
}

void WriteEvidence(const detect::Finding& f, const FileTable& files, JsonWriter* json) {
  json->Key("evidence");
  json->BeginArray();
  for (const detect::Evidence& e : f.evidence) {
    json->BeginObject();
    json->Key("file");
    json->String(e.where.file < files.size() ? files.Path(e.where.file) : std::string("?"));
    json->Key("line");
    json->UInt(e.where.line);
    json->Key("offset");
    json->UInt(e.where.offset);
    json->Key("time");
    json->String(FormatIso8601(e.time));
    json->Key("why");
    json->String(e.why);
    json->EndObject();
  }
  json->EndArray();
}

// ECS source.as.* and source.geo.country_iso_code, from enrichment.
void WriteSourceProfile(const detect::SourceProfile& p, JsonWriter* json) {
  if (p.asn != 0) {
    json->Key("as");
    json->BeginObject();
    json->Key("number");
    json->UInt(p.asn);
    if (!p.as_organization.empty()) {
      json->Key("organization");
      json->BeginObject();
      json->Key("name");
      json->String(p.as_organization);
      json->EndObject();
    }
    json->EndObject();
  }
  if (!p.country_iso_code.empty()) {
    json->Key("geo");
    json->BeginObject();
    json->Key("country_iso_code");
    json->String(p.country_iso_code);
    json->EndObject();
  }
}

void WriteNameCounts(std::string_view key, std::string_view name_key,
                     const std::vector<detect::NameCount>& rows, JsonWriter* json) {
  json->Key(key);
  json->BeginArray();
  for (const detect::NameCount& row : rows) {
    json->BeginObject();
    json->Key(name_key);
    json->String(row.name);
    json->Key("count");
    json->UInt(row.sources);
    json->EndObject();
  }
  json->EndArray();
}

// spraytrace.sources: where a campaign's related.ip are (enrichment summary).
void WriteSourcesProfile(const detect::SourcesProfile& p, JsonWriter* json) {
  json->Key("sources");
  json->BeginObject();
  json->Key("looked_up");
  json->UInt(p.sources);
  json->Key("with_asn");
  json->UInt(p.with_asn);
  json->Key("with_country");
  json->UInt(p.with_country);
  json->Key("asn_count");
  json->UInt(p.distinct_asns);
  json->Key("country_count");
  json->UInt(p.distinct_countries);
  json->Key("known_bad");
  json->UInt(p.known_bad);
  json->Key("asns");
  json->BeginArray();
  for (const detect::AsnCount& row : p.asns) {
    json->BeginObject();
    json->Key("number");
    json->UInt(row.asn);
    json->Key("organization");
    json->String(row.organization);
    json->Key("count");
    json->UInt(row.sources);
    json->EndObject();
  }
  json->EndArray();
  WriteNameCounts("countries", "iso_code", p.countries, json);
  WriteNameCounts("intel", "tag", p.intel, json);
  json->EndObject();
}

void WriteSpraytrace(const detect::Finding& f, const FileTable& files, JsonWriter* json) {
  json->Key("spraytrace");
  json->BeginObject();
  json->Key("campaign");
  if (f.campaign.empty()) {
    json->Null();
  } else {
    json->String(f.campaign);
  }
  json->Key("confidence");
  json->Double(f.confidence);
  if (f.continued) {  // only with --state: an update of a finding an earlier run reported
    json->Key("continued");
    json->Bool(true);
  }
  json->Key("failures");
  json->UInt(f.failures);
  json->Key("successes");
  json->UInt(f.successes);
  json->Key("distinct_accounts");
  json->UInt(f.distinct_accounts);
  json->Key("unknown_account_failures");
  json->UInt(f.unknown_account_failures);
  if (f.source_profile && !f.source_profile->intel.empty()) {
    json->Key("intel");
    json->BeginArray();
    for (const std::string& tag : f.source_profile->intel) json->String(tag);
    json->EndArray();
  }
  if (f.sources_profile) WriteSourcesProfile(*f.sources_profile, json);
  if (f.rate_change.start != 0) {
    json->Key("rate_change");
    json->BeginObject();
    json->Key("start");
    json->String(FormatIso8601(f.rate_change.start));
    json->Key("end");
    if (f.rate_change.end == 0) {
      json->Null();
    } else {
      json->String(FormatIso8601(f.rate_change.end));
    }
    json->Key("baseline_per_hour");
    json->Double(f.rate_change.baseline_per_hour);
    json->Key("peak_per_hour");
    json->Double(f.rate_change.peak_per_hour);
    json->EndObject();
  }
  WriteEvidence(f, files, json);
  json->EndObject();
}

}  // namespace

void FindingToJson(const detect::Finding& f, const FileTable& files, JsonWriter* json) {
  json->BeginObject();
  json->Key("@timestamp");
  json->String(FormatIso8601(f.triggered));
  json->Key("message");
  json->String(f.summary);
  WriteEvent(f, json);
  json->Key("rule");
  json->BeginObject();
  json->Key("name");
  json->String(detect::RuleName(f.rule));
  json->Key("id");
  json->String(f.rule_id);
  json->Key("ruleset");
  json->String("spraytrace");
  json->EndObject();
  if (f.source_ip || !f.source_host.empty()) {
    json->Key("source");
    json->BeginObject();
    if (f.source_ip) {
      json->Key("ip");
      json->String(f.source_ip->ToString());
      if (f.source_profile) WriteSourceProfile(*f.source_profile, json);
    } else {
      json->Key("domain");
      json->String(f.source_host);
    }
    json->EndObject();
  }
  if (!f.user_name.empty()) {
    json->Key("user");
    json->BeginObject();
    json->Key("name");
    json->String(f.user_name);
    json->EndObject();
  }
  WriteRelated(f, json);
  WriteSpraytrace(f, files, json);
  json->EndObject();
}

void FindingsJsonlWriter::OnFinding(detect::Finding finding) {
  if (!ok_) return;
  json_.Clear();
  FindingToJson(finding, *files_, &json_);
  const std::string& line = json_.str();
  if (std::fwrite(line.data(), 1, line.size(), out_) != line.size() ||
      std::fputc('\n', out_) == EOF) {
    ok_ = false;
  }
}

}  // namespace spraytrace::report
