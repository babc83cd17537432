#include "report/blocklist/blocklist_policy.h"

#include <fmt/format.h>

#include "detect/finding.h"

namespace spraytrace::report {
namespace {

using P = BlocklistPolicy;

// Longest name: ipset set names are at most 31 bytes, and "_v4" is appended.
constexpr size_t kMaxNameLength = 24;
constexpr Micros kMaxTtl = 365 * kMicrosPerDay;

Status Invalid(std::string_view key, std::string_view value, std::string_view rule) {
  return Status::InvalidArgument(fmt::format("invalid blocklist.{} '{}': {}", key, value, rule));
}

std::string KnownRules() {
  std::string names;
  for (detect::Rule rule : detect::kAllRules) {
    names += fmt::format("{}{}", names.empty() ? "" : ", ", detect::RuleName(rule));
  }
  return names;
}

bool IsRuleVariant(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// A rule name, or a rule id: a rule name, a dot and a variant of lower-case letters and digits.
bool IsRuleOrId(std::string_view text) {
  const size_t dot = text.find('.');
  if (!detect::RuleFromName(text.substr(0, dot))) return false;
  return dot == std::string_view::npos || IsRuleVariant(text.substr(dot + 1));
}

Status ValidateRules(const std::vector<std::string>& rules) {
  if (rules.empty()) return Invalid("rules", "", "must name at least one rule");
  for (const std::string& rule : rules) {
    if (!IsRuleOrId(rule)) {
      return Invalid("rules", rule,
                     fmt::format("must be a rule name ({}) or a rule id such as compromise.sprayed",
                                 KnownRules()));
    }
  }
  return Status::Ok();
}

Status ValidateName(const std::string& name) {
  bool ok = !name.empty() && name.size() <= kMaxNameLength &&
            ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));
  for (const char c : name) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  }
  if (ok) return Status::Ok();
  return Invalid("name", name,
                 fmt::format("must be a letter followed by letters, digits or '_', at most {} "
                             "characters (it names nftables and ipset sets)",
                             kMaxNameLength));
}

Status ValidateScope(std::string_view key, int value, int min, int max, std::string_view why) {
  if (value >= min && value <= max) return Status::Ok();
  return Invalid(key, std::to_string(value),
                 fmt::format("must be between {} and {} ({})", min, max, why));
}

}  // namespace

Status BlocklistPolicy::Validate() const {
  if (Status s = ValidateRules(rules); !s.ok()) return s;
  if (!(min_confidence >= 0 && min_confidence <= 1)) {
    return Invalid("min_confidence", fmt::format("{}", min_confidence), "must be between 0 and 1");
  }
  if (min_severity < 1 || min_severity > 4) {
    return Invalid("min_severity", std::to_string(min_severity), "must be between 1 and 4");
  }
  if (Status s = ValidateScope("scope_v4", scope_v4, 16, 32, "wider blocks whole providers");
      !s.ok()) {
    return s;
  }
  if (Status s = ValidateScope("scope_v6", scope_v6, 32, 128, "wider blocks whole providers");
      !s.ok()) {
    return s;
  }
  if (ttl <= 0 || ttl > kMaxTtl) {
    return Invalid("ttl", FormatDuration(ttl), "must be > 0 and at most 365d");
  }
  for (const std::string& text : allow) {
    auto network = IpNetwork::Parse(text);
    if (!network) return Invalid("allow", text, network.error().message());
  }
  return ValidateName(name);
}

std::vector<IpNetwork> BlocklistPolicy::AllowedNetworks() const {
  std::vector<IpNetwork> networks;
  if (allow_internal) networks = InternalNetworks();
  for (const std::string& text : allow) {
    if (auto network = IpNetwork::Parse(text)) networks.push_back(*network);
  }
  return networks;
}

std::vector<IpNetwork> InternalNetworks() {
  std::vector<IpNetwork> networks;
  for (const char* text : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8",
                           "169.254.0.0/16", "::1/128", "fc00::/7", "fe80::/10"}) {
    networks.push_back(*IpNetwork::Parse(text));
  }
  return networks;
}

std::vector<SettingsEntry<BlocklistPolicy>> BlocklistPolicySettings() {
  return {
      Setting("blocklist.rules", &P::rules),
      Setting("blocklist.min_confidence", &P::min_confidence),
      Setting("blocklist.min_severity", &P::min_severity),
      Setting("blocklist.scope_v4", &P::scope_v4),
      Setting("blocklist.scope_v6", &P::scope_v6),
      DurationSetting("blocklist.ttl", &P::ttl),
      Setting("blocklist.allow_internal", &P::allow_internal),
      Setting("blocklist.allow", &P::allow),
      Setting("blocklist.aggregate", &P::aggregate),
      Setting("blocklist.name", &P::name),
  };
}

}  // namespace spraytrace::report
