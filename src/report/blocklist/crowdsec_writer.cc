#include "report/blocklist/crowdsec_writer.h"

#include <fmt/format.h>

#include "report/blocklist/blocklist_header.h"
#include "report/json_writer.h"

namespace spraytrace::report {
namespace {

// What a CrowdSec console shows as the decision's scenario: the rules and campaigns behind it.
std::string Reason(const BlockEntry& e) {
  std::string reason = "spraytrace:";
  for (size_t i = 0; i < e.rule_ids.size(); ++i) {
    reason += fmt::format("{}{}", i == 0 ? " " : ",", e.rule_ids[i]);
  }
  for (size_t i = 0; i < e.campaigns.size(); ++i) {
    reason += fmt::format("{}{}", i == 0 ? " campaign " : ",", e.campaigns[i]);
  }
  return reason;
}

}  // namespace

std::string GoDuration(int64_t seconds) {
  return fmt::format("{}h{}m{}s", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

std::string RenderCrowdsecDecisions(const Blocklist& list) {
  std::string out = "[";
  JsonWriter json;
  for (const BlockEntry& e : list.entries) {
    json.Clear();
    json.BeginObject();
    json.Key("duration");
    json.String(GoDuration(RemainingSeconds(e, list)));
    json.Key("origin");
    json.String("spraytrace");
    json.Key("reason");
    json.String(Reason(e));
    json.Key("scope");
    json.String(e.network.is_host() ? "Ip" : "Range");
    json.Key("type");
    json.String("ban");
    json.Key("value");
    json.String(e.network.ToCompactString());
    json.EndObject();
    out += fmt::format("{}\n  {}", out.size() > 1 ? "," : "", json.str());
  }
  return out + (list.entries.empty() ? "]\n" : "\n]\n");
}

}  // namespace spraytrace::report
