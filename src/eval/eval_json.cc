// The JSON half of eval_report.h; keys are documented in docs/eval.md and are stable.
#include "eval/eval_report.h"
#include "report/json_writer.h"

namespace spraytrace::eval {
namespace {

using report::JsonWriter;

void Seconds(const std::optional<Micros>& value, JsonWriter* json) {
  if (value) {
    json->Double(static_cast<double>(*value) / static_cast<double>(kMicrosPerSecond));
  } else {
    json->Null();
  }
}

void Time(const std::optional<Timestamp>& value, JsonWriter* json) {
  if (value) {
    json->String(FormatIso8601(*value));
  } else {
    json->Null();
  }
}

void Counts(const std::map<std::string, size_t>& counts, JsonWriter* json) {
  json->BeginObject();
  for (const auto& [name, count] : counts) {
    json->Key(name);
    json->UInt(count);
  }
  json->EndObject();
}

void WriteFindings(const Results& r, const ReportContext& c, JsonWriter* json) {
  json->Key("findings");
  json->BeginObject();
  json->Key("path");
  json->String(c.findings_path);
  json->Key("lines");
  json->UInt(r.finding_lines);
  json->Key("scored");
  json->UInt(r.findings);
  json->Key("bad_lines");
  json->UInt(r.bad_lines);
  json->Key("bad_line_samples");
  json->BeginArray();
  for (const BadLine& bad : r.bad_samples) {
    json->BeginObject();
    json->Key("line");
    json->UInt(bad.line);
    json->Key("reason");
    json->String(bad.reason);
    json->EndObject();
  }
  json->EndArray();
  json->Key("by_rule");
  Counts(r.findings_by_rule, json);
  json->EndObject();
}

void WriteSourceMetrics(std::string_view key, const SourceMetrics& m, JsonWriter* json) {
  json->Key(key);
  json->BeginObject();
  json->Key("flagged");
  json->UInt(m.flagged);
  json->Key("malicious");
  json->UInt(m.malicious);
  json->Key("true_positives");
  json->UInt(m.true_positives);
  json->Key("precision");
  json->Double(m.precision);
  json->Key("recall");
  json->Double(m.recall);
  json->EndObject();
}

void WriteSources(const Results& r, JsonWriter* json) {
  json->Key("sources");
  json->BeginObject();
  WriteSourceMetrics("all", r.all, json);
  WriteSourceMetrics("targeted", r.targeted, json);
  json->Key("false_positives");
  json->BeginObject();
  json->Key("count");
  json->UInt(r.false_positive_count);
  json->Key("sample");
  json->BeginArray();
  for (const FalsePositive& fp : r.false_positives) {
    json->BeginObject();
    json->Key("ip");
    json->String(fp.ip.ToString());
    json->Key("findings");
    json->UInt(fp.findings);
    json->EndObject();
  }
  json->EndArray();
  json->EndObject();
  json->EndObject();
}

void WriteScenario(const ScenarioScore& s, JsonWriter* json) {
  json->BeginObject();
  json->Key("id");
  json->String(s.id);
  json->Key("kind");
  json->String(simulate::ScenarioKindName(s.kind));
  json->Key("start");
  json->String(FormatIso8601(s.start));
  json->Key("end");
  json->String(FormatIso8601(s.end));
  json->Key("attempts");
  json->UInt(s.attempts);
  json->Key("sources");
  json->UInt(s.sources);
  json->Key("flagged");
  json->UInt(s.flagged);
  json->Key("recall");
  json->Double(s.recall);
  json->Key("first_finding");
  Time(s.first_finding, json);
  json->Key("seconds_to_first_finding");
  Seconds(s.time_to_first_finding, json);
  json->Key("rules");
  Counts(s.rules, json);
  json->Key("targeted_accounts");
  json->UInt(s.targeted_accounts);
  json->Key("accounts_found");
  json->UInt(s.accounts_found);
  json->Key("accounts_found_anywhere");
  json->UInt(s.accounts_found_anywhere);
  json->EndObject();
}

void WriteAccounts(const AccountMetrics& a, JsonWriter* json) {
  json->Key("accounts");
  json->BeginObject();
  json->Key("targeted");
  json->UInt(a.targeted);
  json->Key("found");
  json->UInt(a.found);
  json->Key("found_anywhere");
  json->UInt(a.found_anywhere);
  json->EndObject();
}

void WriteCompromise(const CompromiseScore& c, JsonWriter* json) {
  json->BeginObject();
  json->Key("account");
  json->String(c.truth.account);
  json->Key("source");
  json->String(c.truth.source.ToString());
  json->Key("time");
  json->String(FormatIso8601(c.truth.time));
  json->Key("scenario");
  json->String(c.truth.scenario);
  json->Key("found_at");
  Time(c.found_at, json);
  json->Key("seconds_to_find");
  Seconds(c.time_to_find, json);
  json->EndObject();
}

void WriteCompromises(const CompromiseMetrics& m, JsonWriter* json) {
  json->Key("compromises");
  json->BeginObject();
  json->Key("total");
  json->UInt(m.total);
  json->Key("found");
  json->UInt(m.found);
  json->Key("recall");
  json->Double(m.recall);
  json->Key("median_seconds_to_find");
  Seconds(m.median_time_to_find, json);
  json->Key("max_seconds_to_find");
  Seconds(m.max_time_to_find, json);
  json->Key("alerts");
  json->UInt(m.alerts);
  json->Key("false_alerts");
  json->UInt(m.false_alerts);
  json->Key("false_alert_accounts");
  json->BeginArray();
  for (const std::string& account : m.false_alert_accounts) json->String(account);
  json->EndArray();
  json->Key("items");
  json->BeginArray();
  for (const CompromiseScore& c : m.items) WriteCompromise(c, json);
  json->EndArray();
  json->EndObject();
}

void OptionalDouble(const std::optional<double>& value, JsonWriter* json) {
  if (value) {
    json->Double(*value);
  } else {
    json->Null();
  }
}

void WriteFloors(const Results& r, const Floors& floors, JsonWriter* json) {
  json->Key("floors");
  json->BeginObject();
  json->Key("min_recall");
  OptionalDouble(floors.min_recall, json);
  json->Key("min_precision");
  OptionalDouble(floors.min_precision, json);
  const std::vector<std::string> unmet = UnmetFloors(r, floors);
  json->Key("met");
  json->Bool(unmet.empty());
  json->Key("unmet");
  json->BeginArray();
  for (const std::string& line : unmet) json->String(line);
  json->EndArray();
  json->EndObject();
}

}  // namespace

std::string RenderEvalJson(const Results& results, const ReportContext& context) {
  JsonWriter json;
  json.BeginObject();
  json.Key("format");
  json.String(kEvalJsonFormat);
  json.Key("truth");
  json.String(context.truth_path);
  WriteFindings(results, context, &json);
  WriteSources(results, &json);
  json.Key("scenarios");
  json.BeginArray();
  for (const ScenarioScore& s : results.scenarios) WriteScenario(s, &json);
  json.EndArray();
  WriteAccounts(results.accounts, &json);
  WriteCompromises(results.compromises, &json);
  WriteFloors(results, context.floors, &json);
  json.EndObject();
  return json.str() + "\n";
}

}  // namespace spraytrace::eval
