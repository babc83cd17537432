#include "parse/vpn/asa/asa_attempts.h"

#include <algorithm>
#include <climits>

#include "parse/reason_words.h"

namespace spraytrace::parse::vpn {
namespace {

constexpr size_t kMaxDetail = 160;

uint32_t Bit(AsaGroup group) { return 1u << static_cast<unsigned>(group); }

// The client a message names, ranked: a management service or WebVPN session type says more
// than "management", which says more than nothing.
int ClientRank(const AsaMessage& m) {
  if (m.client.empty()) return 0;
  return m.group == AsaGroup::kManagementAuth ? 1 : 2;
}

bool PasswordChecked(AsaGroup group) {
  return group != AsaGroup::kAnyConnectParent && group != AsaGroup::kAnyConnectAddress;
}

Reason AaaReason(std::string_view text) {
  const Reason reason = ReasonFromWords(text);
  return reason == Reason::kNone ? Reason::kOther : reason;
}

// Users agree when either one is unknown (hidden as "*****", or not in the message).
bool UsersAgree(StringId a, StringId b) { return a == kNoString || b == kNoString || a == b; }

}  // namespace

AsaAttempts::AsaAttempts(StringPool* strings, Diagnostics* diagnostics)
    : events_(strings), diagnostics_(diagnostics) {}

bool AsaAttempts::Joinable(const Open& open, const AsaMessage& message,
                           const AuthEvent& probe) const {
  return open.event.outcome == message.outcome && (open.groups & Bit(message.group)) == 0 &&
         probe.time - open.event.time <= kJoinWindow && probe.time >= open.event.time &&
         open.event.target_host == probe.target_host &&
         UsersAgree(open.event.user_canonical, probe.user_canonical);
}

void AsaAttempts::Join(const AsaMessage& message, const AuthEvent& probe, Open* open) {
  open->groups |= Bit(message.group);
  open->password_checked |= PasswordChecked(message.group);
  if (open->event.user == kNoString) {
    open->event.user = probe.user;
    open->event.user_canonical = probe.user_canonical;
  }
  const int rank = ClientRank(message);
  if (rank > open->client_rank) {
    open->client_rank = rank;
    open->event.client = probe.client;
  }
  if (message.group == AsaGroup::kAaa && message.outcome == Outcome::kFailure) {
    open->event.reason = AaaReason(message.reason);
  }
}

// The newest address-less verdict that fits the attempt lends it its user and reason.
void AsaAttempts::TakeDonor(Open* open) {
  for (auto it = donors_.rbegin(); it != donors_.rend(); ++it) {
    const Donor& d = *it;
    if (d.outcome != open->event.outcome || d.target_host != open->event.target_host ||
        open->event.time - d.time > kJoinWindow || open->event.time < d.time ||
        !UsersAgree(d.user_canonical, open->event.user_canonical)) {
      continue;
    }
    open->groups |= Bit(AsaGroup::kAaa);
    open->password_checked = true;
    if (open->event.user == kNoString) {
      open->event.user = d.user;
      open->event.user_canonical = d.user_canonical;
    }
    if (d.outcome == Outcome::kFailure) open->event.reason = d.reason;
    donors_.erase(std::next(it).base());
    return;
  }
}

void AsaAttempts::AddDonor(const AsaMessage& message, const AuthEvent& probe,
                           const RecordContext& context) {
  if (donors_.size() >= kMaxDonors) {
    RetireDonor(donors_.front());
    donors_.pop_front();
  }
  Donor d;
  d.time = probe.time;
  d.outcome = message.outcome;
  d.user = probe.user;
  d.user_canonical = probe.user_canonical;
  d.target_host = probe.target_host;
  d.reason = AaaReason(message.reason);
  d.line = context.where.line;
  d.file.assign(context.file_name);
  d.detail =
      "Cisco ASA AAA rejection without the client's address (no 'user IP', and no other "
      "message of the login): user = ";
  d.detail.append(message.user.substr(0, kMaxDetail));
  donors_.push_back(std::move(d));
}

// A success without an address is a console or enable login; a failure is an attempt nobody
// can be blamed for.
void AsaAttempts::RetireDonor(const Donor& donor) {
  if (donor.outcome == Outcome::kFailure) {
    diagnostics_->Report(DiagnosticKind::kBadRecord, donor.file, donor.line, donor.detail);
  }
}

RecordStatus AsaAttempts::Add(const AsaMessage& message, Timestamp time, std::string_view host,
                              const RecordContext& context, EventSink* sink) {
  Sweep(time, sink);
  AuthEvent probe = VpnEvents::Start(time, context, message.outcome);
  events_.SetUser(message.user, &probe);
  probe.target_host = events_.Intern(host);
  probe.client = events_.Intern(message.client);
  if (message.address.empty() && message.group == AsaGroup::kAaa) {
    AddDonor(message, probe, context);
    return RecordStatus::kHandled;
  }
  if (!SetSourceIp(message.address, &probe)) {
    std::string detail = "Cisco ASA login message with an unreadable client address: ";
    detail.append(message.address.substr(0, kMaxDetail));
    diagnostics_->Report(DiagnosticKind::kBadRecord, context.file_name, context.where.line, detail);
    return RecordStatus::kBad;
  }
  std::vector<Open>& opens = open_[probe.source_ip];
  for (Open& open : opens) {
    if (Joinable(open, message, probe)) {
      Join(message, probe, &open);
      return RecordStatus::kHandled;
    }
  }
  Open open;
  open.event = probe;
  open.event.client = kNoString;
  open.event.user = kNoString;
  open.event.user_canonical = kNoString;
  open.event.reason = message.outcome == Outcome::kFailure ? Reason::kOther : Reason::kNone;
  Join(message, probe, &open);
  if ((open.groups & Bit(AsaGroup::kAaa)) == 0) TakeDonor(&open);
  opens.push_back(open);
  if (++open_count_ > kMaxOpen) {
    // A flood of logins within one window: emit the older half early rather than grow.
    std::vector<Timestamp> starts;
    starts.reserve(open_count_);
    for (const auto& [ip, list] : open_) {
      for (const Open& o : list) starts.push_back(o.event.time);
    }
    const auto middle = starts.begin() + static_cast<std::ptrdiff_t>(starts.size() / 2);
    std::nth_element(starts.begin(), middle, starts.end());
    EmitBefore(*middle, sink);
  }
  return RecordStatus::kHandled;
}

void AsaAttempts::EmitBefore(Timestamp limit, EventSink* sink) {
  ready_.clear();
  for (auto it = open_.begin(); it != open_.end();) {
    std::vector<Open>& list = it->second;
    for (size_t i = 0; i < list.size();) {
      if (list[i].event.time < limit) {
        AuthEvent event = list[i].event;
        event.method = list[i].password_checked ? AuthMethod::kPassword : AuthMethod::kPublicKey;
        ready_.push_back(event);
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
        --open_count_;
      } else {
        ++i;
      }
    }
    it = list.empty() ? open_.erase(it) : std::next(it);
  }
  std::sort(ready_.begin(), ready_.end(), [](const AuthEvent& a, const AuthEvent& b) {
    if (a.time != b.time) return a.time < b.time;
    return a.where.line < b.where.line;
  });
  for (const AuthEvent& event : ready_) sink->OnEvent(event);
}

void AsaAttempts::Sweep(Timestamp now, EventSink* sink) {
  if (now < next_sweep_) return;
  next_sweep_ = now + kMicrosPerSecond;
  const Timestamp limit = now - kJoinWindow;
  while (!donors_.empty() && donors_.front().time < limit) {
    RetireDonor(donors_.front());
    donors_.pop_front();
  }
  if (!open_.empty()) EmitBefore(limit, sink);
}

void AsaAttempts::Expire(Timestamp now, EventSink* sink) { Sweep(now, sink); }

void AsaAttempts::Flush(EventSink* sink) {
  EmitBefore(INT64_MAX, sink);
  for (const Donor& donor : donors_) RetireDonor(donor);
  donors_.clear();
  next_sweep_ = INT64_MIN;
}

}  // namespace spraytrace::parse::vpn
