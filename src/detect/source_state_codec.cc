// Save / Load of one source's episode (SourceState) and the windows inside it, for state across
// runs. Account slots index the episode's AccountTable; every slot read is checked against it.
#include <algorithm>
#include <functional>

#include "detect/account_table.h"
#include "detect/burst_window.h"
#include "detect/source_state.h"
#include "detect/spray_window.h"
#include "detect/state_codec.h"

namespace spraytrace::detect {
namespace {

// kNoAccount is written as 0 and slot s as s + 1, so the common small slots take one byte.
void PutSlot(uint32_t slot, store::StateEncoder* out) {
  out->PutU64(slot == kNoAccount ? 0 : uint64_t{slot} + 1);
}

uint32_t GetSlot(store::StateDecoder* in, size_t accounts, bool allow_none = true) {
  const uint64_t value = in->U64();
  if (value == 0 && allow_none) return kNoAccount;
  if (value == 0 || value > accounts) {
    in->Fail("account slot " + std::to_string(value) + " past the account table");
    return kNoAccount;
  }
  return static_cast<uint32_t>(value - 1);
}

void SaveTrigger(const Trigger& trigger, store::StateEncoder* out) {
  out->PutBool(trigger.fired);
  if (trigger.fired) SaveSavedEvent(trigger.event, out);
}

Trigger LoadTrigger(store::StateDecoder* in) {
  Trigger trigger;
  trigger.fired = in->Bool();
  if (trigger.fired) trigger.event = LoadSavedEvent(in);
  return trigger;
}

void SaveAccountStats(const AccountStats& a, store::StateEncoder* out) {
  out->PutString(a.user);
  out->PutU32(a.failures);
  out->PutU32(a.successes);
  out->PutU32(a.unknown_user_failures);
  out->PutI64(a.first);
  out->PutI64(a.last);
  out->PutI64(a.first_failure);
  out->PutI64(a.first_success);
  out->PutBool(a.succeeded_after_failure);
  out->PutBool(a.in_window);
  out->PutU32(a.window_failures);
  out->PutU32(a.window_successes);
}

AccountStats LoadAccountStats(store::StateDecoder* in) {
  AccountStats a;
  a.user = in->String();
  a.failures = in->U32();
  a.successes = in->U32();
  a.unknown_user_failures = in->U32();
  a.first = in->I64();
  a.last = in->I64();
  a.first_failure = in->I64();
  a.first_success = in->I64();
  a.succeeded_after_failure = in->Bool();
  a.in_window = in->Bool();
  a.window_failures = in->U32();
  a.window_successes = in->U32();
  return a;
}

void SaveSlowEntry(const SlowEntry& e, store::StateEncoder* out) {
  out->PutI64(e.time);
  PutSlot(e.slot, out);
  out->PutEnum(e.reason);
  out->PutEnum(e.method);
  SaveLocation(e.where, out);
}

SlowEntry LoadSlowEntry(store::StateDecoder* in, size_t accounts) {
  SlowEntry e;
  e.time = in->I64();
  e.slot = GetSlot(in, accounts);
  e.reason = in->EnumUpTo(kLastReason);
  e.method = in->EnumUpTo(kLastAuthMethod);
  e.where = LoadLocation(in);
  return e;
}

}  // namespace

void AccountTable::Save(store::StateEncoder* out) const {
  out->PutU64(accounts_.size());
  for (const AccountStats& a : accounts_) SaveAccountStats(a, out);
}

bool AccountTable::Load(store::StateDecoder* in) {
  accounts_.clear();
  index_.clear();
  const size_t count = in->Count(16);  // 12 fields, most one byte
  accounts_.reserve(count);
  for (size_t i = 0; i < count && in->ok(); ++i) accounts_.push_back(LoadAccountStats(in));
  if (!in->ok()) return false;
  std::vector<StringId> users;
  users.reserve(accounts_.size());
  for (const AccountStats& a : accounts_) users.push_back(a.user);
  std::sort(users.begin(), users.end());
  if (!users.empty() && users.front() == kNoString) in->Fail("account without a name");
  if (std::adjacent_find(users.begin(), users.end()) != users.end()) {
    in->Fail("the same account twice in one source's table");
  }
  if (accounts_.size() > kLinearScanLimit) BuildIndex();
  return in->ok();
}

void BurstWindow::Save(store::StateEncoder* out) const {
  out->PutU64(entries_.size());
  for (const auto& [time, slot] : entries_) {
    out->PutI64(time);
    PutSlot(slot, out);
  }
}

bool BurstWindow::Load(store::StateDecoder* in, size_t accounts) {
  entries_.clear();
  const size_t count = in->Count(2);
  entries_.reserve(count);
  for (size_t i = 0; i < count && in->ok(); ++i) {
    const Timestamp time = in->I64();
    entries_.emplace_back(time, GetSlot(in, accounts));
  }
  if (!std::is_sorted(entries_.begin(), entries_.end())) in->Fail("burst window out of order");
  return in->ok();
}

void RateCounter::Save(store::StateEncoder* out) const {
  out->PutI64(head_);
  for (const uint32_t count : counts_) out->PutU32(count);
}

bool RateCounter::Load(store::StateDecoder* in) {
  head_ = in->I64();
  for (uint32_t& count : counts_) count = in->U32();
  return in->ok();
}

void SprayWindow::Save(store::StateEncoder* out) const {
  out->PutU64(heap_.size());
  for (const auto& [time, slot] : heap_) {
    out->PutI64(time);
    PutSlot(slot, out);
  }
  out->PutU32(failed_only_);
  out->PutU64(failed_only_failures_);
  out->PutU32(succeeded_);
}

bool SprayWindow::Load(store::StateDecoder* in, size_t accounts) {
  heap_.clear();
  const size_t count = in->Count(2);
  heap_.reserve(count);
  for (size_t i = 0; i < count && in->ok(); ++i) {
    const Timestamp time = in->I64();
    heap_.emplace_back(time, GetSlot(in, accounts, /*allow_none=*/false));
  }
  // Written in heap order; a damaged order would break the heap's invariant silently.
  if (!std::is_heap(heap_.begin(), heap_.end(), std::greater<>())) in->Fail("spray window heap");
  failed_only_ = in->U32();
  failed_only_failures_ = in->U64();
  succeeded_ = in->U32();
  return in->ok();
}

void SaveSourceState(const SourceState& s, store::StateEncoder* out) {
  SaveSourceKey(s.key, out);
  out->PutI64(s.start);
  out->PutI64(s.end);
  out->PutU64(s.failures);
  out->PutU64(s.successes);
  out->PutU64(s.unknown_user_failures);
  out->PutU64(s.untracked_events);
  s.accounts.Save(out);
  s.burst_window.Save(out);
  s.rate.Save(out);
  out->PutU32(s.peak_rate);
  s.spray_window.Save(out);
  out->PutU32(s.peak_failed_only);
  out->PutU64(s.slow_log.size());
  for (const SlowEntry& e : s.slow_log) SaveSlowEntry(e, out);
  out->PutBool(s.slow_log_truncated);
  SaveTrigger(s.burst, out);
  out->PutU64(s.concentrated.size());
  for (const ConcentratedBurst& c : s.concentrated) {
    SaveTrigger(c.trigger, out);
    PutSlot(c.slots[0], out);
    PutSlot(c.slots[1], out);
  }
  SaveTrigger(s.spray, out);
  SaveSavedEvent(s.first_failure, out);
  SaveSavedEvent(s.last_failure, out);
  SaveSavedEvent(s.first_success_after_failure, out);
  out->PutU64(s.logins_after_failures.size());
  for (const LoginAfterFailures& login : s.logins_after_failures) {
    PutSlot(login.slot, out);
    SaveSavedEvent(login.event, out);
  }
}

bool LoadSourceState(store::StateDecoder* in, SourceState* s) {
  *s = SourceState();
  s->key = LoadSourceKey(in);
  s->start = in->I64();
  s->end = in->I64();
  s->failures = in->U64();
  s->successes = in->U64();
  s->unknown_user_failures = in->U64();
  s->untracked_events = in->U64();
  if (!s->accounts.Load(in)) return false;
  const size_t accounts = s->accounts.size();
  s->burst_window.Load(in, accounts);
  s->rate.Load(in);
  s->peak_rate = in->U32();
  s->spray_window.Load(in, accounts);
  s->peak_failed_only = in->U32();
  const size_t slow = in->Count(5);
  if (slow > kMaxSlowLog) in->Fail("slow log longer than its bound");
  s->slow_log.reserve(slow);
  for (size_t i = 0; i < slow && in->ok(); ++i) s->slow_log.push_back(LoadSlowEntry(in, accounts));
  s->slow_log_truncated = in->Bool();
  s->burst = LoadTrigger(in);
  const size_t concentrated = in->Count(3);
  if (concentrated > kMaxConcentratedBursts) in->Fail("more concentrated bursts than the bound");
  for (size_t i = 0; i < concentrated && in->ok(); ++i) {
    ConcentratedBurst c;
    c.trigger = LoadTrigger(in);
    c.slots[0] = GetSlot(in, accounts);
    c.slots[1] = GetSlot(in, accounts);
    s->concentrated.push_back(c);
  }
  s->spray = LoadTrigger(in);
  s->first_failure = LoadSavedEvent(in);
  s->last_failure = LoadSavedEvent(in);
  s->first_success_after_failure = LoadSavedEvent(in);
  const size_t logins = in->Count(8);
  if (logins > kMaxLoginsAfterFailures) in->Fail("more logins after failures than the bound");
  for (size_t i = 0; i < logins && in->ok(); ++i) {
    LoginAfterFailures login;
    login.slot = GetSlot(in, accounts, /*allow_none=*/false);
    login.event = LoadSavedEvent(in);
    s->logins_after_failures.push_back(login);
  }
  return in->ok();
}

}  // namespace spraytrace::detect
