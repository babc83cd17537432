#include "simulate/ground_truth.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <fstream>
#include <sstream>

#include "report/json_writer.h"
#include "simulate/iso_time.h"

namespace spraytrace::simulate {
namespace {

constexpr std::string_view kFormat = "spraytrace-truth/1";

constexpr std::pair<ScenarioKind, std::string_view> kKindNames[] = {
    {ScenarioKind::kBruteForce, "brute_force"},
    {ScenarioKind::kSingleSourceSpray, "single_source_spray"},
    {ScenarioKind::kCovertNetwork, "covert_network"},
    {ScenarioKind::kBackgroundNoise, "background_noise"},
};

void WriteScenario(const Scenario& s, report::JsonWriter* json) {
  json->BeginObject();
  json->Key("id");
  json->String(s.id);
  json->Key("kind");
  json->String(ScenarioKindName(s.kind));
  json->Key("start");
  json->String(FormatIso8601(s.start));
  json->Key("end");
  json->String(FormatIso8601(s.end));
  json->Key("attempts");
  json->UInt(s.attempts);
  json->Key("sources");
  json->BeginArray();
  for (const IpAddress& ip : s.sources) json->String(ip.ToString());
  json->EndArray();
  json->Key("targeted_accounts");
  json->BeginArray();
  for (const std::string& account : s.targeted_accounts) json->String(account);
  json->EndArray();
  json->EndObject();
}

void WriteCompromise(const Compromise& c, report::JsonWriter* json) {
  json->BeginObject();
  json->Key("account");
  json->String(c.account);
  json->Key("source");
  json->String(c.source.ToString());
  json->Key("time");
  json->String(FormatIso8601(c.time));
  json->Key("scenario");
  json->String(c.scenario);
  json->EndObject();
}

Status Missing(std::string_view field) {
  return Status::InvalidArgument(fmt::format("ground truth: missing or invalid '{}'", field));
}

// Reads a string member and converts it with `convert`, naming `field` in errors.
template <typename T, typename Convert>
Status Read(simdjson::dom::object object, std::string_view field, Convert convert, T* out) {
  std::string_view text;
  if (object[field].get(text) != simdjson::SUCCESS) return Missing(field);
  if (!convert(text, out)) {
    return Status::InvalidArgument(fmt::format("ground truth: invalid {} '{}'", field, text));
  }
  return Status::Ok();
}

bool ToTime(std::string_view text, Timestamp* out) { return ParseIsoTime(text, out); }
bool ToIp(std::string_view text, IpAddress* out) {
  auto ip = IpAddress::Parse(text);
  if (ip) *out = *ip;
  return ip.has_value();
}
bool ToString(std::string_view text, std::string* out) {
  out->assign(text);
  return true;
}

Status ReadScenario(simdjson::dom::object o, Scenario* s) {
  if (Status st = Read(o, "id", ToString, &s->id); !st.ok()) return st;
  std::string_view kind;
  if (o["kind"].get(kind) != simdjson::SUCCESS || !ParseScenarioKind(kind, &s->kind)) {
    return Missing("scenarios[].kind");
  }
  if (Status st = Read(o, "start", ToTime, &s->start); !st.ok()) return st;
  if (Status st = Read(o, "end", ToTime, &s->end); !st.ok()) return st;
  if (o["attempts"].get(s->attempts) != simdjson::SUCCESS) return Missing("scenarios[].attempts");
  simdjson::dom::array sources, accounts;
  if (o["sources"].get(sources) != simdjson::SUCCESS) return Missing("scenarios[].sources");
  for (auto item : sources) {
    std::string_view text;
    IpAddress ip;
    if (item.get(text) != simdjson::SUCCESS || !ToIp(text, &ip)) {
      return Missing("scenarios[].sources[]");
    }
    s->sources.push_back(ip);
  }
  if (o["targeted_accounts"].get(accounts) != simdjson::SUCCESS) {
    return Missing("scenarios[].targeted_accounts");
  }
  for (auto item : accounts) {
    std::string_view text;
    if (item.get(text) != simdjson::SUCCESS) return Missing("scenarios[].targeted_accounts[]");
    s->targeted_accounts.emplace_back(text);
  }
  return Status::Ok();
}

Status ReadCompromise(simdjson::dom::object o, Compromise* c) {
  if (Status st = Read(o, "account", ToString, &c->account); !st.ok()) return st;
  if (Status st = Read(o, "source", ToIp, &c->source); !st.ok()) return st;
  if (Status st = Read(o, "time", ToTime, &c->time); !st.ok()) return st;
  return Read(o, "scenario", ToString, &c->scenario);
}

Status ReadTop(simdjson::dom::object o, GroundTruth* truth) {
  std::string_view format;
  if (o["format"].get(format) != simdjson::SUCCESS || format != kFormat) {
    return Status::InvalidArgument(
        fmt::format("ground truth: 'format' must be \"{}\" (is this a truth.json?)", kFormat));
  }
  if (o["seed"].get(truth->seed) != simdjson::SUCCESS) return Missing("seed");
  if (Status st = Read(o, "start", ToTime, &truth->start); !st.ok()) return st;
  if (Status st = Read(o, "end", ToTime, &truth->end); !st.ok()) return st;
  if (Status st = Read(o, "log_format", ToString, &truth->log_format); !st.ok()) return st;
  if (o["benign_users"].get(truth->benign_users) != simdjson::SUCCESS)
    return Missing("benign_users");
  if (o["benign_sources"].get(truth->benign_sources) != simdjson::SUCCESS) {
    return Missing("benign_sources");
  }
  if (o["lines"].get(truth->lines) != simdjson::SUCCESS) return Missing("lines");
  return Status::Ok();
}

}  // namespace

std::string_view ScenarioKindName(ScenarioKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

bool ParseScenarioKind(std::string_view name, ScenarioKind* kind) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

std::string GroundTruthToJson(const GroundTruth& truth) {
  report::JsonWriter json;
  json.BeginObject();
  json.Key("format");
  json.String(kFormat);
  json.Key("seed");
  json.UInt(truth.seed);
  json.Key("start");
  json.String(FormatIso8601(truth.start));
  json.Key("end");
  json.String(FormatIso8601(truth.end));
  json.Key("log_format");
  json.String(truth.log_format);
  json.Key("benign_users");
  json.UInt(truth.benign_users);
  json.Key("benign_sources");
  json.UInt(truth.benign_sources);
  json.Key("lines");
  json.UInt(truth.lines);
  json.Key("scenarios");
  json.BeginArray();
  for (const Scenario& s : truth.scenarios) WriteScenario(s, &json);
  json.EndArray();
  json.Key("compromises");
  json.BeginArray();
  for (const Compromise& c : truth.compromises) WriteCompromise(c, &json);
  json.EndArray();
  json.EndObject();
  return json.str() + "\n";
}

Result<GroundTruth> ParseGroundTruth(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (auto error = parser.parse(text.data(), text.size()).get(root)) {
    return Status::InvalidArgument(
        fmt::format("ground truth: not a JSON object: {}", simdjson::error_message(error)));
  }
  GroundTruth truth;
  if (Status st = ReadTop(root, &truth); !st.ok()) return st;
  simdjson::dom::array scenarios, compromises;
  if (root["scenarios"].get(scenarios) != simdjson::SUCCESS) return Missing("scenarios");
  for (auto item : scenarios) {
    simdjson::dom::object o;
    if (item.get(o) != simdjson::SUCCESS) return Missing("scenarios[]");
    Scenario s;
    if (Status st = ReadScenario(o, &s); !st.ok()) return st;
    truth.scenarios.push_back(std::move(s));
  }
  if (root["compromises"].get(compromises) != simdjson::SUCCESS) return Missing("compromises");
  for (auto item : compromises) {
    simdjson::dom::object o;
    if (item.get(o) != simdjson::SUCCESS) return Missing("compromises[]");
    Compromise c;
    if (Status st = ReadCompromise(o, &c); !st.ok()) return st;
    truth.compromises.push_back(std::move(c));
  }
  return truth;
}

Result<GroundTruth> LoadGroundTruth(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("cannot read ground truth '{}'", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto truth = ParseGroundTruth(buffer.str());
  if (!truth) return truth.error().WithContext(path);
  return truth;
}

}  // namespace spraytrace::simulate
