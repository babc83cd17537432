#include "detect/finding_ledger.h"

#include <fmt/format.h>

#include <algorithm>

namespace spraytrace::detect {
namespace {

// account_targeted has no fixed anchor: an early report matches a later one within this long
// (its rule reports an account at most once per targeted_window, 72 h by default).
constexpr Micros kUnanchoredMatch = 72 * kMicrosPerHour;

}  // namespace

std::string FindingLedger::KeyOf(const Finding& f) {
  Timestamp anchor = f.triggered;
  std::string_view variant = f.rule_id;
  if (f.rule == Rule::kCompromise) {
    anchor = f.end;  // the login
    variant = RuleName(f.rule);
  } else if (f.rule == Rule::kAccountTargeted) {
    anchor = 0;
  }
  const std::string source = f.source_ip ? f.source_ip->ToString() : f.source_host;
  return fmt::format("{}|{}|{}|{}|{}", variant, source, f.user_name, f.campaign, anchor);
}

bool FindingLedger::Match(const Finding& finding, const std::string& key) {
  const auto it = earlier_.find(key);
  if (it == earlier_.end()) return false;
  if (finding.rule == Rule::kAccountTargeted &&
      (finding.triggered - it->second > kUnanchoredMatch ||
       it->second - finding.triggered > kUnanchoredMatch)) {
    return false;
  }
  earlier_.erase(it);
  return true;
}

bool FindingLedger::OnReported(Finding* finding) {
  if (earlier_.empty()) return false;
  finding->continued = Match(*finding, KeyOf(*finding));
  return finding->continued;
}

bool FindingLedger::OnReportedEarly(Finding* finding) {
  const std::string key = KeyOf(*finding);
  finding->continued = Match(*finding, key);
  // The latest evidence: a finding that stays open refreshes its entry at every run's end.
  early_[key] = std::max(finding->end, finding->triggered);
  return finding->continued;
}

void FindingLedger::Save(Timestamp now, Micros keep, store::StateEncoder* out) const {
  out->BeginSection("finding_ledger");
  size_t kept = early_.size();
  for (const auto& [key, time] : earlier_) kept += time >= now - keep && !early_.contains(key);
  out->PutU64(kept);
  for (const auto& [key, time] : early_) {
    out->PutBytes(key);
    out->PutI64(time);
  }
  for (const auto& [key, time] : earlier_) {
    if (time < now - keep || early_.contains(key)) continue;
    out->PutBytes(key);
    out->PutI64(time);
  }
  out->EndSection();
}

bool FindingLedger::Load(store::StateDecoder* in) {
  earlier_.clear();
  early_.clear();
  if (!in->EnterSection("finding_ledger")) return false;
  const size_t count = in->Count(2);
  for (size_t i = 0; i < count && in->ok(); ++i) {
    std::string key = in->Bytes();
    earlier_[std::move(key)] = in->I64();
  }
  return in->LeaveSection();
}

}  // namespace spraytrace::detect
