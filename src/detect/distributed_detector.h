// DistributedDetector: the covert network (design.md detections 3 and 4; docs/detection.md,
// "Distributed spray"). No source stands out, so the rules are collective:
//   - A failure is suspect when its source never logged in to that account, from the address or
//     its network (KnownDevices), and logged in to fewer than two accounts at all. It is judged
//     only once `settle` old, against what is known then: a typo followed by a login from the
//     same address is not suspect.
//   - Opportunistic accounts: suspect failures from >= hot_sources sources within `window` and
//     no login within known_devices.memory (root, admin: internet background noise).
//   - distributed_spray.collective: a campaign is active while >= min_accounts accounts that are
//     not opportunistic have suspect failures within `window`, from >= min_sources sources. While
//     it is, a source with suspect failures on >= min_source_accounts such accounts within
//     source_window (at least half of its suspect accounts) is attributed to it. One finding per
//     campaign and report_every period lists the sources attributed in it (related.ip) and their
//     accounts.
//   - compromise.distributed: a login to an account from an address and network that never
//     logged in to it, while a campaign is open, by a source that is attributed to it, or that
//     failed against another account other networks were also spraying, or that never logged
//     in anywhere and sits in a network holding kNetworkWitnesses attributed sources (for an
//     account that logs in elsewhere). Judged at the login; a login none of these explain yet
//     is judged again at every tick within compromise_lookback (distributed_compromise.cc).
// Evaluation runs on event time every kTickInterval of it (and at AdvanceTime / Finish), so
// findings are event-time stamped and replay equals live. Events may be out of order by
// minutes. Memory: see distributed_state.h. Not thread-safe.
#ifndef SPRAYTRACE_DETECT_DISTRIBUTED_DETECTOR_H_
#define SPRAYTRACE_DETECT_DISTRIBUTED_DETECTOR_H_

#include <limits>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "detect/detector.h"
#include "detect/detector_config.h"
#include "detect/distributed_state.h"
#include "detect/known_devices.h"
#include "detect/rate_change.h"
#include "detect/small_id_set.h"
#include "detect/time_queue.h"
#include "event/string_pool.h"

namespace spraytrace::detect {

class DistributedDetector final : public Detector {
 public:
  static constexpr Micros kTickInterval = 15 * kMicrosPerMinute;
  // An account failing this often within `window` from addresses of one network is a device of
  // its own retrying an old password (a phone across its carrier's NAT pool), not a spray.
  static constexpr int kRetryFailures = 3;
  // A sprayed account sees one or two sources a day; one that sees this many (but fewer than
  // hot_sources) is likely an opportunistic name: it does not attribute a one-account source.
  static constexpr size_t kBusySources = 3;
  // The covert network's nodes send one guess per connection, hours apart; internet background
  // noise sends its names in a quick run. The timing half of a campaign's fingerprint.
  static constexpr size_t kScanBurst = 3;
  static constexpr Micros kScanSpan = 10 * kMicrosPerMinute;
  static constexpr int kPoolPrefixV4 = 24;
  static constexpr int kPoolPrefixV6 = 64;
  // The block a campaign's nodes are counted in, and how many attributed nodes in it make a
  // never-seen address there a campaign node: one customer's /64, or a /24. Not the /16: home
  // users share their ISP's /16 with the routers, and their first login from home after one
  // from the office would look the same.
  static constexpr int kCampaignPrefixV4 = 24;
  static constexpr int kCampaignPrefixV6 = 64;
  static constexpr uint32_t kNetworkWitnesses = 2;
  // The covert network's nodes come back with a guessed password within hours of the guess.
  static constexpr Micros kRotatingWindow = 6 * kMicrosPerHour;

  // REQUIRES: config.Validate().ok(); strings holds every id observed and outlives the detector.
  // shared: a login memory shared with other detectors, which its owner records into
  // (DetectorSet); null to keep and record one of its own. REQUIRES: shared outlives this.
  DistributedDetector(const DetectorConfig& config, const StringPool* strings,
                      KnownDevices* shared = nullptr);
  DistributedDetector(const DistributedDetector&) = delete;
  DistributedDetector& operator=(const DistributedDetector&) = delete;

  void Observe(const AuthEvent& event, FindingSink* sink) override;
  void Prefetch(const AuthEvent& event) const override;
  void AdvanceTime(Timestamp now, FindingSink* sink) override;
  void Finish(FindingSink* sink) override;
  // distributed_state_codec.cc. Sources, accounts and /24 logins idle past
  // known_devices.memory are left out (what the daily eviction drops).
  void Save(Timestamp now, store::StateEncoder* out) const override;
  bool Load(store::StateDecoder* in) override;
  // Same histories, campaign, rate and clocks (snapshot tests).
  bool SameState(const DistributedDetector& other) const;

  // For the differential test: rebuilds the judgement kept between ticks at every tick, as if
  // nothing were kept, and forgets quiet keys and finds sources to attribute by walking the
  // recent maps instead of through the forget queues and unattributed_
  // (distributed_judgement_test.cc).
  void JudgeAfreshEveryTick() { judge_afresh_ = true; }

  size_t sources() const { return sources_.size(); }
  size_t accounts() const { return accounts_.size(); }
  size_t campaign_networks() const { return campaign_networks_.size(); }
  size_t router_logins() const { return router_logins_.size(); }

 private:
  // Flat (open addressing) maps: every tick looks up each active source and account a few times.
  // REQUIRES everywhere: no reference into a map is held across an insertion into it.
  using SourceMap = absl::flat_hash_map<SourceKey, SourceHistory, SourceKeyHash>;
  using AccountMap = absl::flat_hash_map<StringId, AccountHistory>;
  using AccountSet = absl::flat_hash_set<StringId>;
  using SourceSet = absl::flat_hash_set<SourceKey, SourceKeyHash>;
  // Accounts judged at one tick: opportunistic or retrying (hot), and busy (see kBusySources).
  struct Judgement {
    AccountSet hot;
    AccountSet busy;
    // Sources that do not move like a campaign's node: suspect failures on
    // spray.min_failed_accounts accounts or more within spray.window (a single-source spray,
    // which its own rule reports), or kScanBurst within kScanSpan (a scanner running through
    // its list of names). Kept out of the collective count and of attribution.
    SourceSet loud;
  };
  // What a tick needs of a recent source or account without looking its history up: the time
  // of its last suspect failure (the back of its list) and, for a source, its campaign.
  // `queued`: the time of the key's entry in its forget queue (at or before `last`), which says
  // when to look at it again; not state (rebuilt on load), so not compared.
  struct RecentSource {
    Timestamp last = 0;
    uint64_t campaign = 0;
    Timestamp queued = 0;

    bool operator==(const RecentSource& o) const {
      return last == o.last && campaign == o.campaign;
    }
  };
  struct RecentAccount {
    Timestamp last = 0;
    Timestamp queued = 0;

    bool operator==(const RecentAccount& o) const { return last == o.last; }
  };
  using RecentSources = absl::flat_hash_map<SourceKey, RecentSource, SourceKeyHash>;
  using RecentAccounts = absl::flat_hash_map<StringId, RecentAccount>;

  // An account's standing at the tick it was last judged (distributed_judgement.cc): the
  // distinct sources of its hits within window, settled and not cleared, and what they made it.
  // It holds until one of them changes (a failure, a clearing login, a source turning loud or
  // quiet) or time moves a hit in or out of the window (its wake).
  struct AccountVerdict {
    absl::InlinedVector<SourceKey, 1> sources;  // mostly one: a node guesses once a day
    bool hot = false;
    bool active = false;  // counted for the campaign: not hot, one quiet source or more
  };
  // The judgement kept between ticks, so that a tick judges only what changed since the last
  // one instead of every recent source and account (a week of a covert campaign holds tens of
  // thousands of each, and a tick comes every 15 minutes of log time).
  struct JudgementCache {
    absl::flat_hash_map<StringId, AccountVerdict> verdicts;
    // Sources in some verdict, with the accounts holding them: a source turning loud or quiet
    // changes those accounts' quiet count.
    absl::flat_hash_map<SourceKey, SmallIdSet, SourceKeyHash> holders;
    size_t active_accounts = 0;
    size_t quiet_sources = 0;  // holders' keys not loud
    // Loud sources and the last tick time they stay loud without a new failure.
    absl::flat_hash_map<SourceKey, Timestamp, SourceKeyHash> loud_until;
    // When each account's verdict next changes with time alone; a min-heap with stale entries
    // (those whose time is no longer the account's wake) skipped when popped.
    absl::flat_hash_map<StringId, Timestamp> wakes;
    std::vector<std::pair<Timestamp, StringId>> wake_heap;
    std::vector<StringId> dirty_accounts;
    std::vector<SourceKey> dirty_sources;
    // Accounts with kept hits enough for account_targeted (targeted_sources).
    AccountSet targeted_candidates;
    bool rebuild = true;  // nothing cached yet (new, or loaded from a snapshot)
  };

  void ObserveLogin(const AuthEvent& event, const SourceKey& key, StringId account,
                    FindingSink* sink);
  void ObserveFailure(const AuthEvent& event, const SourceKey& key, StringId account,
                      FindingSink* sink);
  // The source's network at the known_devices prefix lengths (the address when 0).
  SourceKey NetworkOf(const SourceKey& key) const;
  // Marks the account's hits from the source or its network cleared (it logged in from there),
  // and, once the source is shared, its hits on the accounts it failed against.
  void ClearHits(const SourceKey& key, StringId account, AccountHistory* history,
                 const SourceHistory* source);
  bool Retrying(const AccountHistory& history, const SourceKey& key) const;
  bool Suspect(const SourceKey& key, StringId account, Timestamp now) const;
  void Tick(Timestamp now, FindingSink* sink);
  // distributed_judgement.cc. Brings last_judged_ up to `now`: loud sources, then hot, busy
  // and active accounts. Returns the number of active accounts and sets *enough_sources when
  // min_sources quiet sources or more stand behind their hits.
  size_t Judge(Timestamp now, bool* enough_sources);
  void RebuildJudgement();
  void UpdateLoudSources(Timestamp now);
  // The last time the source counts as loud, given its suspects as they are; min() if never.
  Timestamp LoudUntil(const SourceHistory& source) const;
  // Changes whether the source is loud, marking the accounts holding it for judging again.
  void SetLoud(const SourceKey& key, bool loud);
  void WakeDueAccounts(Timestamp now);
  void RejudgeAccount(StringId account, Timestamp now);
  // The account's verdict at `now` (no sources: none), and its next wake scheduled.
  AccountVerdict JudgeAccount(StringId account, const AccountHistory& history, Timestamp now);
  void MarkDirty(StringId account) { judgement_.dirty_accounts.push_back(account); }
  // The address block a NAT pool or office egress sits in: kPoolPrefixV4 / kPoolPrefixV6.
  static IpAddress PoolOf(const IpAddress& ip);
  // One targeted account is enough for a source that never logged in, in a block from which
  // nobody logged in within known_devices.memory (no carrier NAT, office or home user there).
  bool QuietPool(const SourceKey& key, const SourceHistory& source, Timestamp now) const;
  // Opportunistic (in `hot`) or retrying from one network lately.
  bool Excluded(StringId account, Timestamp now, const AccountSet& hot) const;
  void Attribute(Timestamp now, const Judgement& judged, FindingSink* sink);
  bool Qualifies(const SourceKey& key, const SourceHistory& source, Timestamp now,
                 const Judgement& judged) const;
  void AddToCampaign(const SourceKey& key, SourceHistory* source, Timestamp now, FindingSink* sink);
  // distributed_compromise.cc: why a new login is a compromise, if it is one yet.
  std::optional<CompromiseCase> JudgeLogin(const SourceKey& key, const SourceHistory& source,
                                           const NewLogin& login, Timestamp now) const;
  std::optional<CompromiseCase> SprayedElsewhere(const SourceKey& key, const SourceHistory& source,
                                                 StringId account, Timestamp now) const;
  // Whether JudgeLogin may still judge the login a compromise, short of the source being
  // attributed: it never will one from a host name, a block people log in from, or a source two
  // accounts logged in from (LoginAccounts only grows).
  static bool Judgeable(const SourceKey& key, const SourceHistory& source, const NewLogin& login);
  // A new login from an address of its own (nobody logs in from its block, it logged in to no
  // other account) to an account that logs in elsewhere: what a router of the network looks like.
  static bool RouterLike(const SourceKey& key, const SourceHistory& source, const NewLogin& login);
  std::optional<CompromiseCase> Rotating(StringId account, const SourceKey& key,
                                         const NewLogin& login) const;
  // Judges the source's remembered logins: reports and forgets those that are compromises, and
  // those older than compromise_lookback.
  void JudgeNewLogins(const SourceKey& key, SourceHistory* source, Timestamp now,
                      FindingSink* sink);
  // account_targeting.cc: account_targeted findings for accounts that cross the threshold.
  void JudgeTargetedAccounts(Timestamp now, FindingSink* sink);
  // JudgeNewLogins for every pending source whose logins a tick would report or forget; those
  // not in PendingIndex's candidates are neither (distributed_compromise.cc).
  void JudgePendingLogins(Timestamp now, FindingSink* sink);
  // The pending sources whose verdict may have changed since the last tick, in address order,
  // without repeats (stale ones included: the caller checks).
  std::vector<SourceKey> PendingCandidates(Timestamp now);
  // Keeps with_new_logins_ and pending_ in step as a source's logins change: `appended` is the
  // login ObserveLogin just kept, if it kept one.
  void NotePendingLogin(const SourceKey& key, const SourceHistory& source,
                        const NewLogin* appended);
  void NotePendingChanged(const SourceKey& key);
  void DropPending(const SourceKey& key);
  void RebuildPendingIndex();
  static IpAddress CampaignNetworkOf(const IpAddress& ip);
  void ReportCompromise(const SourceKey& key, const SourceHistory& source, const NewLogin& login,
                        const CompromiseCase& why, Timestamp now, FindingSink* sink);
  void ClosePeriod(Timestamp now, FindingSink* sink);
  void Evict(Timestamp now);
  // Drops from the recent maps what left source_window.
  void ForgetQuiet(Timestamp now);
  void RebuildForgetQueues();
  // What a recent source leaving the recent map entails besides: judged again (it is no longer
  // loud), and no longer to attribute.
  void ForgettingSource(const SourceKey& key);
  // Drops from the recent maps and the pending set what the maps no longer hold (every key in
  // them is in the maps at all other times).
  void ForgetDropped();

  const DetectorConfig config_;
  const DistributedConfig& dc_;
  const StringPool* const strings_;
  std::unique_ptr<KnownDevices> owned_;  // when not shared
  KnownDevices& known_;
  SourceMap sources_;
  AccountMap accounts_;
  absl::flat_hash_map<IpAddress, Timestamp, IpAddressHash> pool_logins_;  // block -> last login
  Campaign campaign_;
  uint64_t campaigns_ = 0;
  // Of the open campaign: attributed sources per CampaignNetworkOf network. Bounded like the
  // maps above: a network idle past known_devices.memory goes, and past max_sources networks
  // the idlest half (a campaign of millions of nodes lasting weeks would grow it without end).
  absl::flat_hash_map<IpAddress, CampaignNetwork, IpAddressHash> campaign_networks_;
  // Accounts' last router-like logins (RouterLogin). One older than kRotatingWindow no longer
  // counts; Evict drops those a day past that (events arrive late by minutes, not a day), and
  // an account's goes with the account.
  absl::flat_hash_map<StringId, RouterLogin> router_logins_;
  // Sources with a new login a tick may still judge a compromise (Judgeable). The others' logins
  // wait in new_logins for attribution, which reports them itself (if within lookback), or are
  // pruned at the source's next new login or its next failure while a campaign is open.
  SourceSet with_new_logins_;
  // Which pending sources a tick must look at, so it need not walk them all (thousands, for
  // the 72 hours of lookback, each looked up in sources_). A pending source's logins become due
  // at a tick only when one ages past compromise_lookback (`expiry`), when it failed within
  // source_window (SprayedElsewhere: `with_suspects`), when its network reached
  // kNetworkWitnesses attributed sources (`grown`, through `by_network`); and a tick drops it
  // from the set once no login of it is Judgeable, which only a change to its logins or login
  // accounts makes so (`changed`). Not state: rebuilt on load.
  struct PendingIndex {
    TimeQueue<SourceKey> expiry;  // (login time, source) for every login of a pending source
    SourceSet with_suspects;      // pending sources with suspect failures, maybe older ones
    SourceSet changed;
    absl::flat_hash_map<IpAddress, absl::InlinedVector<SourceKey, 1>, IpAddressHash> by_network;
    std::vector<IpAddress> grown;  // since the last tick
  };
  PendingIndex pending_;
  // Sources and accounts with a suspect failure within source_window: what a tick looks at.
  // The maps keep a month of history; a tick should not walk it.
  RecentSources recent_sources_;
  RecentAccounts recent_accounts_;
  // The recent keys by time, so ForgetQuiet looks only at those that may have left
  // source_window: one live entry per key (its time is the key's `queued`); entries of keys
  // dropped or queued again since are skipped when they come up.
  TimeQueue<SourceKey> forget_sources_;
  TimeQueue<StringId> forget_accounts_;
  // Recent sources that may not be attributed to campaign `unattributed_for_` (those attributed
  // since are dropped when Attribute comes to them; forgotten ones go with the recent map's),
  // so Attribute need not walk the ones already attributed. Rebuilt when the campaign changes.
  SourceSet unattributed_;
  uint64_t unattributed_for_ = std::numeric_limits<uint64_t>::max();
  Judgement last_judged_;  // the last tick's, for logins judged between ticks
  JudgementCache judgement_;
  bool judge_afresh_ = false;
  // Suspect failures from addresses that never logged in anywhere, on accounts not judged
  // opportunistic: the collective rate a campaign raises.
  RateChange rate_;
  Timestamp latest_ = std::numeric_limits<Timestamp>::min();
  Timestamp last_tick_ = std::numeric_limits<Timestamp>::min();
  Timestamp last_evict_ = std::numeric_limits<Timestamp>::min();
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_DISTRIBUTED_DETECTOR_H_
