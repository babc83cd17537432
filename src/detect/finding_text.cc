#include "detect/finding_text.h"

#include <fmt/format.h>

#include <algorithm>

namespace spraytrace::detect {

std::string SourceName(const SourceKey& key, const StringPool& strings) {
  if (key.host != kNoString) return std::string(strings.View(key.host));
  return key.ip.ToString();
}

std::string FormatSpan(Micros span) {
  if (span < kMicrosPerSecond) return FormatDuration(span);
  const Micros unit = span >= kMicrosPerHour ? kMicrosPerMinute : kMicrosPerSecond;
  return FormatDuration(span / unit * unit);
}

std::string DescribeEvent(const SavedEvent& event, const StringPool& strings) {
  const std::string_view logged = strings.View(event.user);
  const std::string user = logged.empty() ? "an unnamed user" : std::string(logged);
  const std::string_view method =
      event.method == AuthMethod::kUnknown ? "authentication" : AuthMethodName(event.method);
  if (IsPasswordCorrect(event.reason)) {
    return fmt::format("password correct for {} ({})", user, ReasonName(event.reason));
  }
  if (event.outcome == Outcome::kSuccess) return fmt::format("accepted {} for {}", method, user);
  switch (event.reason) {
    case Reason::kNone:
    case Reason::kBadPassword:
      return fmt::format("failed {} for {}", method, user);
    case Reason::kUnknownUser:
      return fmt::format("failed {} for invalid user {}", method, user);
    case Reason::kAborted:
      return fmt::format("{} for {} aborted without a verdict", method, user);
    default:
      return fmt::format("failed {} for {} ({})", method, user, ReasonName(event.reason));
  }
}

std::vector<const AccountStats*> FailedAccountsByFailures(const AccountTable& accounts,
                                                          const StringPool& strings) {
  std::vector<const AccountStats*> failed;
  for (const AccountStats& stats : accounts.accounts()) {
    if (stats.failures > 0) failed.push_back(&stats);
  }
  std::sort(failed.begin(), failed.end(), [&](const AccountStats* a, const AccountStats* b) {
    if (a->failures != b->failures) return a->failures > b->failures;
    return strings.View(a->user) < strings.View(b->user);
  });
  return failed;
}

std::string AccountList(const std::vector<const AccountStats*>& accounts, const StringPool& strings,
                        size_t shown) {
  std::string out;
  for (size_t i = 0; i < accounts.size() && i < shown; ++i) {
    if (i > 0) out += ", ";
    out += fmt::format("{} {}", strings.View(accounts[i]->user), accounts[i]->failures);
  }
  if (accounts.size() > shown) out += fmt::format(" and {} more", accounts.size() - shown);
  return out;
}

}  // namespace spraytrace::detect
