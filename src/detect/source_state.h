// SourceState: everything SourceDetector keeps about one source during one episode.
//
// A source is an IP address, or a host name when the log gave no address. An episode runs from
// the source's first event until it has been quiet for episodes.idle_gap; its findings are
// written then, with complete counts. Every member is bounded: the account table by
// episodes.max_accounts_per_source, the burst window by brute_force.max_failures, the slow-rule
// failure log by kMaxSlowLog entries (and emptied once a louder rule fires). Plain struct; not
// thread-safe.
#ifndef SPRAYTRACE_DETECT_SOURCE_STATE_H_
#define SPRAYTRACE_DETECT_SOURCE_STATE_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "detect/account_table.h"
#include "detect/burst_window.h"
#include "detect/spray_window.h"
#include "event/auth_event.h"
#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::detect {

struct SourceKey {
  IpAddress ip;               // meaningful when host == kNoString
  StringId host = kNoString;  // the source's host name when the log gave no address

  bool operator==(const SourceKey&) const = default;
};

// By address, then host name: the stable order findings of one tick come out in.
inline bool AddressOrder(const SourceKey& a, const SourceKey& b) {
  return a.ip < b.ip || (a.ip == b.ip && a.host < b.host);
}

struct SourceKeyHash {
  size_t operator()(const SourceKey& key) const noexcept {
    return IpAddressHash()(key.ip) ^ (static_cast<size_t>(key.host) * 0x9E3779B97F4A7C15ULL);
  }
};

// The host of a network key (KnownDevices: an address masked to its network), so a network key
// never equals the address key of the network's first address. Never a real StringId: pools
// stay far below 2^32 strings.
inline constexpr StringId kNetworkKeyMarker = 0xffffffffu;

// The source an event came from: its address, or the host name the log gave instead; none when
// the log named neither.
inline std::optional<SourceKey> SourceKeyOf(const AuthEvent& event) {
  if (event.has_source_ip) return SourceKey{event.source_ip, kNoString};
  if (event.source_host != kNoString) return SourceKey{IpAddress(), event.source_host};
  return std::nullopt;
}

// The account an event is about: its canonical name, else the name as logged.
inline StringId AccountOf(const AuthEvent& event) {
  return event.user_canonical != kNoString ? event.user_canonical : event.user;
}

// A login, or a password-correct result (MFA required, expired password): the secret was right.
inline bool IsLogin(const AuthEvent& event) {
  return event.outcome == Outcome::kSuccess || IsPasswordCorrect(event.reason);
}

// A password (or an unnamed method) can be sprayed; a key or a Kerberos ticket cannot, so such a
// login is never a compromise by spraying.
constexpr bool IsGuessableMethod(AuthMethod method) {
  return method == AuthMethod::kPassword || method == AuthMethod::kKeyboardInteractive ||
         method == AuthMethod::kUnknown;
}

// One event kept so a finding can cite it after the event is gone.
struct SavedEvent {
  bool valid = false;
  Timestamp time = 0;
  EvidenceLocation where;
  StringId user = kNoString;  // as logged
  Outcome outcome = Outcome::kFailure;
  Reason reason = Reason::kNone;
  AuthMethod method = AuthMethod::kUnknown;

  bool operator==(const SavedEvent&) const = default;
};

inline SavedEvent SaveEvent(const AuthEvent& event) {
  return SavedEvent{.valid = true,
                    .time = event.time,
                    .where = event.where,
                    .user = event.user,
                    .outcome = event.outcome,
                    .reason = event.reason,
                    .method = event.method};
}

// When a rule first fired in the episode, and on which event.
struct Trigger {
  bool fired = false;
  SavedEvent event;

  bool operator==(const Trigger&) const = default;
};

// A burst against at most two accounts, and which accounts (kNoAccount when only one).
struct ConcentratedBurst {
  Trigger trigger;
  std::array<uint32_t, 2> slots = {kNoAccount, kNoAccount};

  bool operator==(const ConcentratedBurst&) const = default;
};

// Distinct concentrated bursts kept per episode, first seen first. When full, bursts whose accounts
// have all logged in since are dropped to make room (a busy NAT address's typos), so one against
// an account that never logs in is still found.
inline constexpr size_t kMaxConcentratedBursts = 8;

// One failure as the slow rule needs it at episode close.
struct SlowEntry {
  Timestamp time = 0;
  uint32_t slot = kNoAccount;
  Reason reason = Reason::kNone;
  AuthMethod method = AuthMethod::kUnknown;
  EvidenceLocation where;

  bool operator==(const SlowEntry&) const = default;
};

// A login the source made once it had failed, kept for the compromise rule of a spraying source
// (episode_report.h): the account's first login of the episode, made with a guessable method.
struct LoginAfterFailures {
  uint32_t slot = kNoAccount;
  SavedEvent event;

  bool operator==(const LoginAfterFailures&) const = default;
};

// Logins after failures kept per episode. A spray is reported only while the accounts that logged
// in stay at most spray.max_success_ratio of those that only failed, so a source that logs in to
// more accounts than this is a shared address, not an attacker who guessed that many.
inline constexpr size_t kMaxLoginsAfterFailures = 16;

// Failures kept for the slow rule per episode. A source needs over 4,096 failures without ever
// reaching 5 in 10 minutes (about six days non-stop) to fill it; the oldest half is then dropped.
inline constexpr size_t kMaxSlowLog = 4096;

struct SourceState {
  SourceKey key;
  Timestamp start = 0;  // episode: first and last event time
  Timestamp end = 0;
  uint64_t failures = 0;
  uint64_t successes = 0;  // including password-correct results
  uint64_t unknown_user_failures = 0;
  uint64_t untracked_events = 0;  // events whose account was beyond max_accounts_per_source

  AccountTable accounts;
  BurstWindow burst_window;
  RateCounter rate;
  uint32_t peak_rate = 0;  // most failures seen within brute_force.find_window
  SprayWindow spray_window;
  uint32_t peak_failed_only = 0;  // most failed-only accounts seen within spray.window
  std::vector<SlowEntry> slow_log;
  bool slow_log_truncated = false;

  Trigger burst;                                // first burst of the episode
  std::vector<ConcentratedBurst> concentrated;  // distinct account sets, first seen first
  Trigger spray;
  SavedEvent first_failure;
  SavedEvent last_failure;
  SavedEvent first_success_after_failure;
  std::vector<LoginAfterFailures> logins_after_failures;  // first seen first

  bool operator==(const SourceState&) const = default;
};

// State across runs (source_state_codec.cc). Load fails, with the reason in in->error(), on
// damage: an account slot past the account table, an enum out of range, a truncated value.
void SaveSourceState(const SourceState& state, store::StateEncoder* out);
bool LoadSourceState(store::StateDecoder* in, SourceState* state);

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_SOURCE_STATE_H_
