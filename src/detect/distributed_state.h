// DistributedState: the plain structs DistributedDetector keeps per source, per account and per
// campaign. Every list is capped (constants below) and pruned to its window on append; the maps
// holding them are bounded by DistributedConfig::max_sources (the idlest half is dropped when
// full). Not thread-safe.
#ifndef SPRAYTRACE_DETECT_DISTRIBUTED_STATE_H_
#define SPRAYTRACE_DETECT_DISTRIBUTED_STATE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "detect/finding.h"
#include "detect/source_state.h"
#include "event/auth_event.h"

namespace spraytrace::detect {

// Suspect failures kept per source (newest), sources kept per account, logins kept per source.
inline constexpr size_t kMaxSuspectsPerSource = 16;
inline constexpr size_t kMaxHitsPerAccount = 32;
inline constexpr size_t kMaxNewLoginsPerSource = 4;

// A failure for an account from a source that had not logged in to it (address or network).
struct SuspectFailure {
  Timestamp time = 0;
  StringId account = kNoString;
  Reason reason = Reason::kNone;
  EvidenceLocation where;

  bool operator==(const SuspectFailure&) const = default;
};

// A login to an account from an address and network that had never logged in to it, kept until
// it is judged a compromise or ages past compromise_lookback. The two flags are what was known
// just before the login, which later evidence cannot change.
struct NewLogin {
  Timestamp time = 0;
  SavedEvent event;
  bool account_had_logins = false;  // the account had logged in elsewhere within memory
  bool pool_was_quiet = false;      // nobody had logged in from the address's /24 (/64)

  bool operator==(const NewLogin&) const = default;
};

// Why a new login was judged a compromise; docs/detection.md, "Compromise".
enum class CompromiseBasis : uint8_t {
  kAttributed,       // the source is attributed to the campaign
  kSprayed,          // the source failed against another account other networks also sprayed
  kCampaignNetwork,  // a never-seen source in a network holding several attributed sources
  kRotating,         // the account's second login within hours from a router-like new place
};

struct CompromiseCase {
  CompromiseBasis basis = CompromiseBasis::kAttributed;
  SuspectFailure failure;        // kSprayed: the source's failure against another sprayed account
  SourceKey witness;             // kSprayed: another network's source on that account;
                                 // kCampaignNetwork: an attributed source in the same network
  uint32_t network_sources = 0;  // kCampaignNetwork: attributed sources in the network
  SavedEvent earlier;            // kRotating: the first of the two logins
};

// Attributed sources of the open campaign within one network (/24, /64).
struct CampaignNetwork {
  uint32_t sources = 0;
  SourceKey example;
  Timestamp last_seen = 0;  // the last attribution of one of them

  bool operator==(const CampaignNetwork&) const = default;
};

struct SourceHistory {
  Timestamp last_seen = 0;
  // Distinct accounts the source logged in to (two are enough: a shared address).
  std::array<StringId, 2> login_accounts = {kNoString, kNoString};
  std::vector<SuspectFailure> suspects;  // within source_window, newest kMaxSuspectsPerSource
  std::vector<NewLogin> new_logins;      // not yet judged a compromise, within lookback
  uint64_t campaign = 0;                 // campaign it was attributed to; 0 = none

  int LoginAccounts() const {
    return (login_accounts[0] != kNoString) + (login_accounts[1] != kNoString);
  }
  bool operator==(const SourceHistory&) const = default;
};

// One source that failed (suspect) against an account. The flag sits in the key's padding: a
// million accounts keep a few of these each.
struct AccountHit {
  SourceKey source;
  // No longer suspect: the account logged in from the source or its network since, or the
  // source turned out shared. Set at that login, so ticks need not ask KnownDevices again.
  bool cleared = false;
  Timestamp time = 0;

  bool operator==(const AccountHit&) const = default;
};

// An account's last login from a router-like new place (DistributedDetector::RouterLike), for
// kRotating. Kept apart from AccountHistory: only the last few hours' matter, and a million
// accounts would each carry one inline.
struct RouterLogin {
  SourceKey source;
  SavedEvent event;

  bool operator==(const RouterLogin&) const = default;
};

struct AccountHistory {
  Timestamp last_seen = 0;
  Timestamp last_login = 0;  // 0: never logged in (within memory)
  // Until then the account is left out: it was failing repeatedly from one network.
  Timestamp retrying_until = 0;
  Timestamp targeted_reported = 0;  // last account_targeted finding; 0 = none
  std::vector<AccountHit> hits;     // within source_window, newest kMaxHitsPerAccount

  bool operator==(const AccountHistory&) const = default;
};

// One campaign episode, reported once per report_every period.
struct Campaign {
  uint64_t number = 0;  // 0 = no campaign open
  std::string id;
  Timestamp start = 0;         // tick at which it became active
  Timestamp last_active = 0;   // last tick at which it was active
  Timestamp period_start = 0;  // current reporting period
  size_t peak_accounts = 0;    // most active accounts seen at one tick, this period
  // The rise of the collective rate (RateChange) that brackets the campaign, when one was seen.
  RateWindow rate;
  // Attributed in the current period.
  std::vector<SourceKey> sources;
  absl::flat_hash_set<StringId> accounts;
  Timestamp first_attributed = 0;
  Timestamp first_failure = 0;
  Timestamp last_failure = 0;
  uint64_t failures = 0;
  uint64_t unknown_account_failures = 0;
  std::vector<Evidence> evidence;

  bool operator==(const Campaign&) const = default;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_DISTRIBUTED_STATE_H_
