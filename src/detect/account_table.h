// AccountTable: the accounts one source tried during one episode, with per-account counts.
//
// Accounts are keyed by canonical user id and stored densely; a slot (index) names an account
// for the other per-source structures. Lookups scan linearly while a source has tried only a few
// accounts (the common case: most sources try one or two) and use a hash index beyond that.
// Bounded: at most `max_accounts` accounts; FindOrInsert() then returns kNoAccount and the caller
// counts the event in its totals only. Not thread-safe; plain value type.
#ifndef SPRAYTRACE_DETECT_ACCOUNT_TABLE_H_
#define SPRAYTRACE_DETECT_ACCOUNT_TABLE_H_

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <vector>

#include "event/string_pool.h"
#include "event/timestamp.h"
#include "store/state_decoder.h"
#include "store/state_encoder.h"

namespace spraytrace::detect {

inline constexpr uint32_t kNoAccount = std::numeric_limits<uint32_t>::max();

struct AccountStats {
  StringId user = kNoString;  // canonical user id
  uint32_t failures = 0;
  uint32_t successes = 0;  // including password-correct results (MFA required, expired)
  uint32_t unknown_user_failures = 0;
  Timestamp first = 0;  // first and last attempt from this source
  Timestamp last = 0;
  Timestamp first_failure = std::numeric_limits<Timestamp>::max();
  Timestamp first_success = std::numeric_limits<Timestamp>::max();
  // A success at or after the account's first failure: the source got in after failing.
  bool succeeded_after_failure = false;
  // Membership in the source's spray window (see spray_window.h).
  bool in_window = false;
  uint32_t window_failures = 0;
  uint32_t window_successes = 0;

  bool operator==(const AccountStats&) const = default;
};

class AccountTable {
 public:
  // Slot of `user`, inserting it first seen at `time`. kNoAccount when user is kNoString or the
  // table already holds max_accounts accounts.
  uint32_t FindOrInsert(StringId user, Timestamp time, size_t max_accounts);

  // REQUIRES: slot was returned by FindOrInsert() and is not kNoAccount.
  AccountStats& at(uint32_t slot) { return accounts_[slot]; }
  const AccountStats& at(uint32_t slot) const { return accounts_[slot]; }
  const std::vector<AccountStats>& accounts() const { return accounts_; }
  size_t size() const { return accounts_.size(); }

  // State across runs (source_state_codec.cc). Load rebuilds the index; it fails on an account
  // without a name or a name twice.
  void Save(store::StateEncoder* out) const;
  bool Load(store::StateDecoder* in);
  bool operator==(const AccountTable& other) const { return accounts_ == other.accounts_; }

 private:
  void BuildIndex();

  static constexpr size_t kLinearScanLimit = 8;

  std::vector<AccountStats> accounts_;
  std::unordered_map<StringId, uint32_t> index_;  // filled once size() > kLinearScanLimit
};

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_ACCOUNT_TABLE_H_
