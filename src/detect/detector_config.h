// Detector settings. Every default is a starting point chosen for the reason given beside it;
// all are overridable from the config file ([brute_force], [spray], [slow], [episodes]) and
// flags. Validate() checks every rule before a run starts, with messages that name the key,
// the value and the rule: "invalid brute_force.max_failures '0': must be >= 1".
#ifndef SPRAYTRACE_DETECT_DETECTOR_CONFIG_H_
#define SPRAYTRACE_DETECT_DETECTOR_CONFIG_H_

#include <cstdint>

#include "common/duration.h"
#include "common/status.h"

namespace spraytrace::detect {

// One source failing fast: fail2ban's sshd jail defaults (maxretry 5, findtime 10m), so a user
// who switches from fail2ban sees every source it would have banned.
struct BruteForceConfig {
  bool enabled = true;
  int max_failures = 5;                        // failures from one source (1..10000) ...
  Micros find_window = 10 * kMicrosPerMinute;  // ... within this sliding window
  // Office NAT: several people mistyping within the same ten minutes look like a burst. A source
  // from which at least 3 accounts logged in, more than this multiple of its accounts that only
  // failed, is a shared address: its bursts are reported only when they hit at most two accounts
  // that never logged in from it. A very large value (1e9) restores plain fail2ban behaviour.
  double max_success_ratio = 1.0;
};

// One source failing against many accounts with few tries each. An office NAT or carrier-grade
// NAT also reaches many accounts, but most of them succeed: the success ratio keeps it quiet.
struct SpraySingleSourceConfig {
  bool enabled = true;
  // Distinct accounts that failed from the source and never succeeded from it in the window.
  // CrowdSec's user-enum scenarios use 5 distinct users; spraying tools go far wider. >= 2.
  int min_failed_accounts = 5;
  Micros window = 24 * kMicrosPerHour;  // sprays of one password per day still land in one window
  // A spray tries each account once or twice (one or two passwords); a dictionary brute force
  // tries each account many times. Mean failures per failed account must not exceed this (>= 1).
  double max_failures_per_account = 4.0;
  // Accounts that succeeded from the source, as a share of the accounts that only failed.
  // Office NAT: dozens of successes per typo; a spray: none or the one it broke.
  double max_success_ratio = 0.2;
};

// One source failing slowly for hours: below fail2ban (5 in 10m) and CrowdSec ssh-slow-bf
// (10 events leaking one per minute), for example one guess every five minutes all night.
struct SlowSourceConfig {
  bool enabled = true;
  // A phone retrying an old password behind carrier NAT changes address every few hours and
  // leaves 10-15 failures per address; a guessing tool from one address makes dozens a day.
  int min_failures = 20;                 // failures from one source (>= 2) ...
  Micros window = 24 * kMicrosPerHour;   // ... within this window ...
  Micros min_span = 1 * kMicrosPerHour;  // ... spread over at least this long (<= window)
  // A source that succeeded for an account is that account's own device retrying a stale
  // password (a phone after a password change); failures on such accounts are not counted.
  bool ignore_accounts_with_success = true;
  // A source where many accounts log in fine is a shared address (office NAT): its scattered
  // failures are typos and stale devices, not a slow attack. Quiet when the source's accounts
  // that succeeded exceed this multiple of the accounts whose failures were counted.
  double max_success_ratio = 0.2;
  // A misconfigured job fails on a machine schedule from an internal address: one account, and
  // at least 90% of the gaps between its failures within 10% of their median (cron every 15
  // minutes). Quiet when set. Only internal sources: a guessing tool with a fixed wait from the
  // internet is just as regular, and is still reported.
  bool ignore_scheduled = true;
};

// Findings about one source are kept open while the source stays active and written when it
// goes quiet, so each carries complete counts and times: one finding per episode, not per line.
struct EpisodeConfig {
  Micros idle_gap = 6 * kMicrosPerHour;  // quiet this long ends an episode
  int max_related_users = 1000;          // cap on related.user entries in one finding
  int max_evidence = 5;                  // cited events per finding
  // Accounts tracked per source and episode. Beyond it, events still count in the source's
  // totals but their accounts are not tracked (distinct_accounts then reads "at least").
  int max_accounts_per_source = 10'000;
};

// Where each account has logged in from, remembered across episodes. A person who forgets a
// password fails from the address (or, for a phone behind carrier NAT, the network) their
// account always logs in from; an attacker's address has no earlier login to the account.
// Failures on such known devices are not counted as an attack, within limits.
struct KnownDevicesConfig {
  // A burst is not reported when every account that failed had logged in before from the
  // source or its network, and none failed more than this many times; the slow rule does not
  // count such failures. 0 turns the memory off (fail2ban behaviour).
  int max_failures = 20;
  Micros memory = 30 * kMicrosPerDay;  // how long a login keeps a device or network known
  // The network of a source: IPv4 /network_v4 (a carrier NAT pool or home ISP range), IPv6
  // /network_v6. 0 turns networks off (only the exact address counts).
  int network_v4 = 16;
  int network_v6 = 48;
  // (source or network, account) pairs kept; past this the least recently used half is
  // forgotten. A 40-byte hash slot each, twice as many slots as pairs at worst: the default
  // bounds that memory near 170 MB.
  int max_pairs = 2'000'000;
};

// The covert network (docs/detection.md, "Distributed spray"): thousands of addresses, one or two
// guesses each, about one per account per day. No source stands out; the signal is collective.
// A failure is *suspect* when its source never logged in to that account (address or network,
// known_devices) and logged in to fewer than two accounts at all (a shared address is not an
// attacker). Within `window`, a campaign is active while at least `min_accounts` accounts have
// suspect failures, not counting *opportunistic* accounts (failed from at least
// `hot_sources` suspect sources in the window and never logged in: root on a key-only box).
struct DistributedConfig {
  bool enabled = true;
  Micros window = 24 * kMicrosPerHour;  // one guess per account per day lands in one window
  // Benign suspect failures (first login from a new place after a typo) touch a handful of
  // accounts a day; the covert network touches hundreds to thousands. >= 2.
  int min_accounts = 50;
  // ... failed from at least this many distinct sources: two single-source sprays (reported by
  // their own rule) are not a distributed one. >= 2.
  int min_sources = 20;
  // Background noise sends dozens of sources a day at root and admin; a sprayed account sees
  // one or two a day. >= 2.
  int hot_sources = 6;
  // A source is attributed once it failed (suspect) against this many accounts that are not
  // opportunistic, within source_window, and those are at least half of its suspect accounts.
  // One person's failed first login from a new address is one account; >= 1.
  int min_source_accounts = 2;
  Micros source_window = 72 * kMicrosPerHour;  // nodes send one or two a day: see three days
  // Suspect failures younger than this are not judged yet: a typo is followed by a success on
  // the same connection seconds later, which makes the address known.
  Micros settle = 15 * kMicrosPerMinute;
  // A login to an account from an address that never logged in to it, by a source that is
  // attributed later within this long, is reported as a compromise then.
  Micros compromise_lookback = 48 * kMicrosPerHour;
  Micros report_every = 24 * kMicrosPerHour;  // one distributed_spray finding per period
  // account_targeted: an account that logs in (a person's) failed from suspect sources in at
  // least this many networks (/16, /48) within targeted_window, not counting a network that
  // failed kRetryFailures times (its own phone). The covert network's one guess a day gives an
  // account about three in 72 h; ten is a focused attack.
  int targeted_sources = 10;
  Micros targeted_window = 72 * kMicrosPerHour;
  // Sources (and accounts) remembered; past it the idlest half go. About 1 KB each at full use,
  // with the judgement and queues beside them (docs/detection.md, "Memory budget").
  int max_sources = 1'000'000;
};

struct DetectorConfig {
  BruteForceConfig brute_force;
  SpraySingleSourceConfig spray;
  SlowSourceConfig slow;
  EpisodeConfig episodes;
  KnownDevicesConfig known_devices;
  DistributedConfig distributed;

  Status Validate() const;
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_DETECTOR_CONFIG_H_
