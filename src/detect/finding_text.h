// Text helpers for findings: source and account names, spans, and the `why` of cited events.
// Pure functions over a StringPool that holds every id they are given; thread-compatible.
#ifndef SPRAYTRACE_DETECT_FINDING_TEXT_H_
#define SPRAYTRACE_DETECT_FINDING_TEXT_H_

#include <string>
#include <vector>

#include "detect/account_table.h"
#include "detect/source_state.h"
#include "event/string_pool.h"

namespace spraytrace::detect {

// "203.0.113.5", or the host name for sources logged without an address.
std::string SourceName(const SourceKey& key, const StringPool& strings);

// A span as a person reads it: "50s", "12m30s", "4h12m" (whole minutes from one hour up).
std::string FormatSpan(Micros span);

// Why a cited event counts: "failed password for invalid user admin", "accepted publickey for
// alice", "password correct for bob (mfa_required)".
std::string DescribeEvent(const SavedEvent& event, const StringPool& strings);

// Accounts with at least one failure, by failures (descending) then name.
std::vector<const AccountStats*> FailedAccountsByFailures(const AccountTable& accounts,
                                                          const StringPool& strings);

// "root 280, admin 4, test 2" for the first `shown` accounts, then "and N more".
std::string AccountList(const std::vector<const AccountStats*>& accounts, const StringPool& strings,
                        size_t shown);

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_FINDING_TEXT_H_
