#include "report/blocklist/stix_bundle.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "correlate/stix_pattern.h"
#include "report/json_writer.h"

namespace spraytrace::report {
namespace {

// The identity object never changes, so its timestamps are fixed: the day it was defined.
constexpr const char* kIdentityTime = "2026-12-01T00:00:00.000Z";
// MITRE ATT&CK: Brute Force: Password Spraying is in the credential-access tactic.
constexpr const char* kKillChain = "mitre-attack";
constexpr const char* kPhase = "credential-access";

std::string Id(std::string_view type, std::string_view name) {
  return fmt::format("{}--{}", type, UuidV5(SpraytraceStixNamespace(), name).ToString());
}

}  // namespace

std::string FormatStixTime(Timestamp time) {
  const CivilTime c = ToCivil(time);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day, c.hour,
                     c.minute, c.second, c.micros / 1000);
}

namespace {

// Millisecond times: cut toward the past, or rounded up where a time must not move earlier
// (valid_until: cutting could make it equal valid_from).
std::string Millis(Timestamp t) { return FormatStixTime(t); }
std::string MillisUp(Timestamp t) {
  const Timestamp ms = 1000;
  const Timestamp rem = ((t % ms) + ms) % ms;
  return FormatStixTime(rem == 0 ? t : t - rem + ms);
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += fmt::format("{}{}", out.empty() ? "" : ", ", v);
  return out;
}

// STIX confidence is an integer 0-100.
int64_t Confidence(double confidence) {
  return std::clamp<int64_t>(std::llround(confidence * 100.0), 0, 100);
}

void CommonProperties(JsonWriter* json, std::string_view type, const std::string& id,
                      const std::string& created, const std::string& modified) {
  json->Key("type");
  json->String(type);
  json->Key("spec_version");
  json->String("2.1");
  json->Key("id");
  json->String(id);
  if (type != "identity") {
    json->Key("created_by_ref");
    json->String(SpraytraceIdentityId());
  }
  json->Key("created");
  json->String(created);
  json->Key("modified");
  json->String(modified);
}

// What the campaign was, then the sentence of each reporting period: the distributed_spray
// findings' messages, which name no account.
std::string CampaignDescription(const BlockCampaign& c) {
  std::string text = fmt::format("Password spraying seen by spraytrace from {} to {}",
                                 FormatIso8601(c.first_seen), FormatIso8601(c.last_seen));
  if (c.sources > 0) {
    text += fmt::format(": {} addresses against up to {} accounts", c.sources, c.accounts);
  }
  text += '.';
  for (size_t i = 0; i < c.period_summaries.size(); ++i) {
    text += c.period_summaries.size() == 1
                ? fmt::format(" {}.", c.period_summaries[i])
                : fmt::format(" Period {}: {}.", i + 1, c.period_summaries[i]);
  }
  return text;
}

class BundleWriter {
 public:
  BundleWriter(const Blocklist& list, const BlocklistPolicy& policy)
      : list_(list), policy_(policy) {}

  std::string Render() {
    Identity();
    for (const BlockCampaign& c : list_.campaigns) Campaign(c);
    for (const BlockEntry& e : list_.entries) Indicator(e);
    // The bundle's id names its contents: every object's id and version.
    std::string contents = "bundle";
    for (const auto& [id, modified] : versions_) contents += fmt::format("\n{}|{}", id, modified);
    std::string out =
        fmt::format(R"({{"type": "bundle", "id": "{}", "objects": [)", Id("bundle", contents));
    for (size_t i = 0; i < objects_.size(); ++i) {
      out += fmt::format("{}\n  {}", i == 0 ? "" : ",", objects_[i]);
    }
    return out + "\n]}\n";
  }

 private:
  void Add(const std::string& id, const std::string& modified) {
    objects_.push_back(json_.str());
    versions_.emplace_back(id, modified);
  }

  void Identity() {
    json_.Clear();
    json_.BeginObject();
    CommonProperties(&json_, "identity", SpraytraceIdentityId(), kIdentityTime, kIdentityTime);
    json_.Key("name");
    json_.String("spraytrace");
    json_.Key("description");
    json_.String(
        "spraytrace, a password-spraying detector reading authentication logs: indicators of "
        "the addresses and networks that sprayed, decided by its blocklist policy");
    json_.Key("identity_class");
    json_.String("system");
    json_.EndObject();
    Add(SpraytraceIdentityId(), kIdentityTime);
  }

  void Campaign(const BlockCampaign& c) {
    const std::string id =
        Id("campaign", fmt::format("campaign|{}|{}", c.id, FormatIso8601(c.first_seen)));
    campaign_ids_.emplace_back(c.id, id);
    const std::string created = Millis(c.first_seen);
    const std::string modified = Millis(std::max(c.first_seen, c.last_seen));
    json_.Clear();
    json_.BeginObject();
    CommonProperties(&json_, "campaign", id, created, modified);
    json_.Key("name");
    json_.String(fmt::format("spraytrace campaign {}", c.id));
    json_.Key("description");
    json_.String(CampaignDescription(c));
    json_.Key("first_seen");
    json_.String(created);
    json_.Key("last_seen");
    json_.String(MillisUp(std::max(c.first_seen, c.last_seen)));
    json_.Key("objective");
    json_.String(
        "guess the passwords of many accounts with few attempts per address "
        "(MITRE ATT&CK T1110.003 Password Spraying)");
    json_.EndObject();
    Add(id, modified);
  }

  std::string Description(const BlockEntry& e) const {
    std::string text = fmt::format(
        "{} {} in password spraying seen by spraytrace from {} to {}: rule {}",
        e.network.ToCompactString(),
        e.network.is_host() ? "took part"
                            : fmt::format("held {} addresses that took part", e.addresses),
        FormatIso8601(e.first_seen), FormatIso8601(e.last_seen), Joined(e.rule_ids));
    if (!e.campaigns.empty()) text += fmt::format("; campaign {}", Joined(e.campaigns));
    if (e.accounts > 0) {
      text += fmt::format("; {} {} targeted",
                          e.accounts == 1 ? "one" : fmt::format("up to {}", e.accounts),
                          e.accounts == 1 ? "account" : "accounts");
    }
    text += fmt::format(
        ". Listed under the policy confidence >= {}, severity >= {}, scope IPv4 /{} IPv6 /{}, "
        "valid {} after the last evidence",
        policy_.min_confidence, policy_.min_severity, policy_.scope_v4, policy_.scope_v6,
        FormatDuration(list_.ttl));
    return text;
  }

  void Indicator(const BlockEntry& e) {
    const std::string pattern = correlate::StixAddressPattern(e.network);
    const std::string id =
        Id("indicator", fmt::format("indicator|{}|{}", pattern, FormatIso8601(e.first_seen)));
    const std::string created = Millis(e.first_seen);
    const std::string modified = Millis(std::max(e.first_seen, e.last_seen));
    json_.Clear();
    json_.BeginObject();
    CommonProperties(&json_, "indicator", id, created, modified);
    json_.Key("name");
    json_.String(fmt::format("password-spraying source {}", e.network.ToCompactString()));
    json_.Key("description");
    json_.String(Description(e));
    json_.Key("indicator_types");
    json_.BeginArray();
    json_.String("malicious-activity");
    json_.EndArray();
    json_.Key("pattern");
    json_.String(pattern);
    json_.Key("pattern_type");
    json_.String("stix");
    json_.Key("pattern_version");
    json_.String("2.1");
    json_.Key("valid_from");
    json_.String(created);
    json_.Key("valid_until");
    json_.String(MillisUp(e.expires));
    json_.Key("kill_chain_phases");
    json_.BeginArray();
    json_.BeginObject();
    json_.Key("kill_chain_name");
    json_.String(kKillChain);
    json_.Key("phase_name");
    json_.String(kPhase);
    json_.EndObject();
    json_.EndArray();
    json_.Key("confidence");
    json_.Int(Confidence(e.confidence));
    json_.Key("labels");
    json_.BeginArray();
    for (const std::string& rule : e.rule_ids) json_.String(rule);
    json_.EndArray();
    json_.EndObject();
    Add(id, modified);
    for (const std::string& campaign : e.campaigns) Indicates(id, created, campaign);
  }

  void Indicates(const std::string& indicator_id, const std::string& created,
                 const std::string& campaign) {
    const auto it = std::find_if(campaign_ids_.begin(), campaign_ids_.end(),
                                 [&](const auto& pair) { return pair.first == campaign; });
    if (it == campaign_ids_.end()) return;  // not in list.campaigns: nothing to point at
    // The relationship never changes once made: created is its version for good.
    const std::string id =
        Id("relationship", fmt::format("relationship|indicates|{}|{}", indicator_id, it->second));
    json_.Clear();
    json_.BeginObject();
    CommonProperties(&json_, "relationship", id, created, created);
    json_.Key("relationship_type");
    json_.String("indicates");
    json_.Key("source_ref");
    json_.String(indicator_id);
    json_.Key("target_ref");
    json_.String(it->second);
    json_.EndObject();
    Add(id, created);
  }

  const Blocklist& list_;
  const BlocklistPolicy& policy_;
  JsonWriter json_;
  std::vector<std::string> objects_;
  std::vector<std::pair<std::string, std::string>> versions_;      // id, modified
  std::vector<std::pair<std::string, std::string>> campaign_ids_;  // spraytrace id, STIX id
};

}  // namespace

Uuid SpraytraceStixNamespace() {
  static const Uuid kNamespace = UuidV5(kUuidNamespaceUrl, "urn:spraytrace:stix");
  return kNamespace;
}

std::string SpraytraceIdentityId() {
  static const std::string kId = Id("identity", "identity|spraytrace");
  return kId;
}

std::string RenderStixBundle(const Blocklist& list, const BlocklistPolicy& policy) {
  return BundleWriter(list, policy).Render();
}

}  // namespace spraytrace::report
