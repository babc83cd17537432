#include "parse/vpn/openvpn/openvpn_attempts.h"

#include <algorithm>
#include <climits>

#include "parse/reason_words.h"

namespace spraytrace::parse::vpn {
namespace {

uint32_t Bit(OpenVpnKind kind) { return 1u << static_cast<unsigned>(kind); }

bool IsFailure(OpenVpnKind kind) {
  switch (kind) {
    case OpenVpnKind::kFailVerdict:
    case OpenVpnKind::kFailPluginPost:
    case OpenVpnKind::kFailPluginFunction:
    case OpenVpnKind::kFailScript:
    case OpenVpnKind::kFailSent:
    case OpenVpnKind::kPamFailure:
      return true;
    default:
      return false;
  }
}

// Every kind but a deferred name says how the login ended.
bool HasOutcome(OpenVpnKind kind) { return kind != OpenVpnKind::kUserDeferred; }

// Lines that show a password was checked (the rest are a tunnel coming up, which a
// certificate-only login also writes).
bool ChecksPassword(OpenVpnKind kind) {
  return IsFailure(kind) || kind == OpenVpnKind::kOkPassword || kind == OpenVpnKind::kUserDeferred;
}

bool UsersAgree(StringId a, StringId b) { return a == kNoString || b == kNoString || a == b; }

}  // namespace

Reason OpenVpnReason(std::string_view text) {
  // PAM's pam_strerror texts: PAM_USER_UNKNOWN, PAM_AUTH_ERR, PAM_NEW_AUTHTOK_REQD, PAM_MAXTRIES.
  if (ContainsIgnoringCase(text, "user not known") || ContainsIgnoringCase(text, "unknown user")) {
    return Reason::kUnknownUser;
  }
  if (ContainsIgnoringCase(text, "Authentication failure")) return Reason::kBadPassword;
  if (ContainsIgnoringCase(text, "new one required")) return Reason::kExpiredPassword;
  if (ContainsIgnoringCase(text, "maximum number of retries")) return Reason::kLockedOut;
  const Reason reason = ReasonFromWords(text);
  return reason == Reason::kNone ? Reason::kOther : reason;
}

OpenVpnAttempts::OpenVpnAttempts(StringPool* strings, Diagnostics* diagnostics)
    : events_(strings), diagnostics_(diagnostics) {}

bool OpenVpnAttempts::Joinable(const Open& open, const OpenVpnMessage& message,
                               const AuthEvent& probe, bool has_outcome) const {
  if (open.port != message.port || open.event.target_host != probe.target_host) return false;
  if (probe.time < open.event.time || probe.time - open.event.time > kJoinWindow) return false;
  if ((open.kinds & Bit(message.kind)) != 0) return false;
  if (has_outcome && open.has_outcome && open.event.outcome != probe.outcome) return false;
  return UsersAgree(open.event.user_canonical, probe.user_canonical);
}

void OpenVpnAttempts::Join(const OpenVpnMessage& message, const AuthEvent& probe, bool has_outcome,
                           Open* open) {
  open->kinds |= Bit(message.kind);
  open->password_checked |= ChecksPassword(message.kind);
  if (has_outcome && !open->has_outcome) {
    open->has_outcome = true;
    open->event.outcome = probe.outcome;
    open->event.reason = probe.outcome == Outcome::kFailure ? Reason::kOther : Reason::kNone;
  }
  if (open->event.user == kNoString && probe.user != kNoString) {
    open->event.user = probe.user;
    open->event.user_canonical = probe.user_canonical;
  }
  if (message.kind == OpenVpnKind::kOkPeer && message.common_name != "UNDEF" &&
      open->common_name == kNoString) {
    AuthEvent named;
    events_.SetUser(message.common_name, &named);
    open->common_name = named.user;
    open->common_canonical = named.user_canonical;
  }
}

// The newest waiting auth-pam name from the attempt's server and window.
bool OpenVpnAttempts::TakePamUser(Open* open) {
  for (auto it = pam_users_.rbegin(); it != pam_users_.rend(); ++it) {
    if (it->target_host != open->event.target_host || open->event.time < it->time ||
        open->event.time - it->time > kJoinWindow) {
      continue;
    }
    open->event.user = it->user;
    open->event.user_canonical = it->user_canonical;
    open->event.reason = it->reason;
    open->kinds |= Bit(OpenVpnKind::kPamFailure);
    pam_users_.erase(std::next(it).base());
    return true;
  }
  return false;
}

// A background line written after its verdict: the newest open failure without a name takes
// it. Only the last kMaxNameless nameless failures are candidates, so a flood of logins does
// not make every background line walk every open attempt.
void OpenVpnAttempts::GivePamUser(const PamUser& pam) {
  while (!nameless_.empty() && pam.time - nameless_.front().time > kJoinWindow) {
    nameless_.pop_front();
  }
  for (auto ref = nameless_.rbegin(); ref != nameless_.rend(); ++ref) {
    if (pam.time < ref->time) continue;
    const auto list = open_.find(ref->ip);
    if (list == open_.end()) continue;
    for (Open& o : list->second) {
      if (o.port != ref->port || o.event.time != ref->time || !o.has_outcome ||
          o.event.outcome != Outcome::kFailure || o.event.user != kNoString ||
          (o.kinds & Bit(OpenVpnKind::kPamFailure)) != 0 ||
          o.event.target_host != pam.target_host) {
        continue;
      }
      o.event.user = pam.user;
      o.event.user_canonical = pam.user_canonical;
      o.event.reason = pam.reason;
      o.kinds |= Bit(OpenVpnKind::kPamFailure);
      nameless_.erase(std::next(ref).base());
      return;
    }
  }
  if (pam_users_.size() >= kMaxPamUsers) pam_users_.pop_front();
  pam_users_.push_back(pam);
}

RecordStatus OpenVpnAttempts::Add(const OpenVpnMessage& message, Timestamp time,
                                  std::string_view host, const RecordContext& context,
                                  EventSink* sink) {
  Sweep(time, sink);
  const bool has_outcome = HasOutcome(message.kind);
  AuthEvent probe = VpnEvents::Start(
      time, context, IsFailure(message.kind) ? Outcome::kFailure : Outcome::kSuccess);
  events_.SetUser(message.user, &probe);
  probe.target_host = events_.Intern(host);
  if (message.kind == OpenVpnKind::kPamFailure) {
    PamUser pam;
    pam.time = time;
    pam.user = probe.user;
    pam.user_canonical = probe.user_canonical;
    pam.target_host = probe.target_host;
    pam.reason = OpenVpnReason(message.reason);
    GivePamUser(pam);
    return RecordStatus::kHandled;
  }
  if (!SetSourceIp(message.address, &probe)) {
    diagnostics_->Report(DiagnosticKind::kBadRecord, context.file_name, context.where.line,
                         "OpenVPN login line with an unreadable client address");
    return RecordStatus::kBad;
  }
  std::vector<Open>& opens = open_[probe.source_ip];
  for (Open& open : opens) {
    if (Joinable(open, message, probe, has_outcome)) {
      Join(message, probe, has_outcome, &open);
      return RecordStatus::kHandled;
    }
  }
  // Lines that never start a login: a route learned on a tunnel that is up, a renegotiation.
  const bool renegotiation = message.established && (message.kind == OpenVpnKind::kOkPassword ||
                                                     message.kind == OpenVpnKind::kOkPeer);
  if (message.kind == OpenVpnKind::kOkLearn || renegotiation) {
    if (opens.empty()) open_.erase(probe.source_ip);
    return RecordStatus::kHandled;
  }
  Open open;
  open.event = probe;
  open.event.user = kNoString;
  open.event.user_canonical = kNoString;
  open.port = message.port;
  Join(message, probe, has_outcome, &open);
  if (open.has_outcome && open.event.outcome == Outcome::kFailure && open.event.user == kNoString &&
      !TakePamUser(&open)) {
    if (nameless_.size() >= kMaxNameless) nameless_.pop_front();
    nameless_.push_back({open.event.source_ip, open.port, open.event.time});
  }
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
    EmitBefore(*middle + 1, sink);
  }
  return RecordStatus::kHandled;
}

void OpenVpnAttempts::EmitBefore(Timestamp limit, EventSink* sink) {
  ready_.clear();
  for (auto it = open_.begin(); it != open_.end();) {
    std::vector<Open>& list = it->second;
    for (size_t i = 0; i < list.size();) {
      const Open& o = list[i];
      if (o.event.time >= limit) {
        ++i;
        continue;
      }
      if (o.has_outcome) {
        AuthEvent event = o.event;
        event.method = o.password_checked ? AuthMethod::kPassword : AuthMethod::kPublicKey;
        if (event.outcome == Outcome::kSuccess && event.user == kNoString) {
          event.user = o.common_name;
          event.user_canonical = o.common_canonical;
        }
        ready_.push_back(event);
      }
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
      --open_count_;
    }
    it = list.empty() ? open_.erase(it) : std::next(it);
  }
  std::sort(ready_.begin(), ready_.end(), [](const AuthEvent& a, const AuthEvent& b) {
    if (a.time != b.time) return a.time < b.time;
    return a.where.line < b.where.line;
  });
  for (const AuthEvent& event : ready_) sink->OnEvent(event);
}

void OpenVpnAttempts::Sweep(Timestamp now, EventSink* sink) {
  if (now < next_sweep_) return;
  next_sweep_ = now + kMicrosPerSecond;
  const Timestamp limit = now - kJoinWindow;
  while (!pam_users_.empty() && pam_users_.front().time < limit) pam_users_.pop_front();
  while (!nameless_.empty() && nameless_.front().time < limit) nameless_.pop_front();
  if (!open_.empty()) EmitBefore(limit, sink);
}

void OpenVpnAttempts::Expire(Timestamp now, EventSink* sink) { Sweep(now, sink); }

void OpenVpnAttempts::Flush(EventSink* sink) {
  EmitBefore(INT64_MAX, sink);
  pam_users_.clear();
  nameless_.clear();
  next_sweep_ = INT64_MIN;
}

}  // namespace spraytrace::parse::vpn
