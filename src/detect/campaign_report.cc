#include "detect/campaign_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "detect/finding_text.h"

namespace spraytrace::detect {
namespace {

std::vector<std::string> SortedNames(const absl::flat_hash_set<StringId>& ids,
                                     const StringPool& strings, size_t cap) {
  std::vector<std::string> names;
  names.reserve(ids.size());
  for (StringId id : ids) names.emplace_back(strings.View(id));
  std::sort(names.begin(), names.end());
  if (names.size() > cap) names.resize(cap);
  return names;
}

std::string CampaignSummary(const Campaign& c, const DetectorConfig& config) {
  const double per_source =
      static_cast<double>(c.failures) / static_cast<double>(std::max<size_t>(1, c.sources.size()));
  const double unknown_share = c.failures == 0
                                   ? 0.0
                                   : 100.0 * static_cast<double>(c.unknown_account_failures) /
                                         static_cast<double>(c.failures);
  std::string summary = fmt::format(
      "{} addresses that never logged in to the accounts they tried failed against {} accounts "
      "over {} ({:.1f} failures per address); {:.0f}% of the "
      "failures named accounts that do not exist; at the peak {} accounts failed from such "
      "addresses within {}",
      c.sources.size(), c.accounts.size(), FormatSpan(c.last_failure - c.first_failure), per_source,
      unknown_share, c.peak_accounts, FormatSpan(config.distributed.window));
  if (c.rate.start != 0) {
    summary += fmt::format(
        "; such failures rose from {:.1f} to {:.0f} an hour at {}{}", c.rate.baseline_per_hour,
        c.rate.peak_per_hour, FormatIso8601(c.rate.start),
        c.rate.end == 0 ? " and stay raised" : fmt::format(" until {}", FormatIso8601(c.rate.end)));
  }
  return summary;
}

}  // namespace

Finding CampaignFinding(const Campaign& campaign, const DetectorConfig& config,
                        const StringPool& strings) {
  Finding f;
  f.rule = Rule::kDistributedSpray;
  f.rule_id = "distributed_spray.collective";
  f.severity = 3;
  const double breadth = static_cast<double>(campaign.peak_accounts) /
                         (10.0 * static_cast<double>(config.distributed.min_accounts));
  f.confidence = 0.6 + 0.35 * std::min(1.0, breadth);
  f.triggered = campaign.first_attributed;
  f.start = campaign.first_failure;
  f.end = campaign.last_failure;
  for (const SourceKey& key : campaign.sources) {
    if (key.host == kNoString) f.related_ips.push_back(key.ip);
  }
  f.related_users = SortedNames(campaign.accounts, strings,
                                static_cast<size_t>(config.episodes.max_related_users));
  f.failures = campaign.failures;
  f.distinct_accounts = campaign.accounts.size();
  f.unknown_account_failures = campaign.unknown_account_failures;
  f.campaign = campaign.id;
  f.rate_change = campaign.rate;
  f.summary = CampaignSummary(campaign, config);
  f.evidence = campaign.evidence;
  return f;
}

Finding CompromiseFinding(const SourceKey& key, const SourceHistory& source,
                          const SavedEvent& login, const CompromiseCase& why,
                          const Campaign& campaign, Timestamp now, const StringPool& strings) {
  Finding f;
  f.rule = Rule::kCompromise;
  f.severity = 4;
  f.triggered = std::max(now, login.time);
  f.start = login.time;
  f.end = login.time;
  if (key.host == kNoString) {
    f.source_ip = key.ip;
    f.related_ips.push_back(key.ip);
  } else {
    f.source_host = std::string(strings.View(key.host));
  }
  f.user_name = std::string(strings.View(login.user));
  f.related_users.push_back(f.user_name);
  f.successes = 1;
  f.failures = source.suspects.size();
  f.campaign = campaign.id;
  const std::string from = SourceName(key, strings);
  const std::string opening =
      fmt::format("{} logged in from {}, an address whose network had never logged in to it, ",
                  f.user_name, from);
  f.evidence.push_back(Evidence{login.where, login.time, DescribeEvent(login, strings)});
  switch (why.basis) {
    case CompromiseBasis::kAttributed:
      f.rule_id = "compromise.distributed";
      f.confidence = 0.9;
      f.summary = fmt::format(
          "{}and attributed to distributed spray campaign {} after failing against {} other "
          "accounts",
          opening, campaign.id, source.suspects.size());
      break;
    case CompromiseBasis::kSprayed:
      f.rule_id = "compromise.sprayed";
      f.confidence = 0.8;
      f.summary = fmt::format(
          "{}that failed for {} ({}), an account {} in another network was also failing "
          "against, while distributed spray campaign {} was active",
          opening, strings.View(why.failure.account), FormatIso8601(why.failure.time),
          SourceName(why.witness, strings), campaign.id);
      f.evidence.push_back(SuspectEvidence(key, why.failure, strings));
      break;
    case CompromiseBasis::kCampaignNetwork:
      f.rule_id = "compromise.campaign_network";
      f.confidence = 0.6;
      f.summary = fmt::format(
          "{}that had never logged in anywhere, from a block nobody logs in from, in a network "
          "where {} addresses (such as {}) were attributed to distributed spray campaign {}; "
          "the account logs in from elsewhere",
          opening, why.network_sources, SourceName(why.witness, strings), campaign.id);
      break;
    case CompromiseBasis::kRotating:
      f.rule_id = "compromise.rotating";
      f.confidence = 0.6;
      if (why.witness.host == kNoString) f.related_ips.push_back(why.witness.ip);
      f.summary = fmt::format(
          "{}a few hours after it logged in from {}, another address in another network that had "
          "never logged in anywhere, while distributed spray campaign {} was active: one password "
          "used from two residential addresses, as the campaign's nodes do",
          opening, SourceName(why.witness, strings), campaign.id);
      f.evidence.insert(f.evidence.begin(), Evidence{why.earlier.where, why.earlier.time,
                                                     DescribeEvent(why.earlier, strings)});
      f.start = why.earlier.time;
      break;
  }
  return f;
}

Finding TargetedAccountFinding(StringId account, const std::vector<SourceKey>& sources,
                               size_t networks, Timestamp first, Timestamp last, Timestamp now,
                               std::vector<Evidence> evidence, const DetectorConfig& config,
                               const StringPool& strings) {
  Finding f;
  f.rule = Rule::kAccountTargeted;
  f.rule_id = "account_targeted.sources";
  f.severity = 3;
  const double breadth = static_cast<double>(sources.size()) /
                         (3.0 * static_cast<double>(config.distributed.targeted_sources));
  f.confidence = 0.5 + 0.4 * std::min(1.0, breadth);
  f.triggered = now;
  f.start = first;
  f.end = last;
  f.user_name = std::string(strings.View(account));
  f.related_users.push_back(f.user_name);
  for (const SourceKey& key : sources) {
    if (key.host == kNoString) f.related_ips.push_back(key.ip);
  }
  std::sort(f.related_ips.begin(), f.related_ips.end());
  f.failures = sources.size();
  f.distinct_accounts = 1;
  f.summary = fmt::format(
      "{}, an account that logs in normally, failed from {} addresses in {} networks that had "
      "never logged in to it, over {}: more places than a person travels to, fewer guesses each "
      "than any per-address rule counts",
      f.user_name, sources.size(), networks, FormatSpan(last - first));
  f.evidence = std::move(evidence);
  return f;
}

Evidence SuspectEvidence(const SourceKey& key, const SuspectFailure& failure,
                         const StringPool& strings) {
  return Evidence{
      failure.where, failure.time,
      fmt::format("{} failed for {} ({}), an address with no login to it", SourceName(key, strings),
                  strings.View(failure.account), ReasonName(failure.reason))};
}

}  // namespace spraytrace::detect
