#include "parse/sshd/sshd_parser.h"

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/duration.h"
#include "event/ip_address.h"
#include "event/user_name.h"
#include "parse/sshd/sshd_message.h"

namespace spraytrace::parse {
namespace {

// sshd's LoginGraceTime is 2 minutes; a connection silent for 10 is over.
constexpr Micros kIdleTimeout = 10 * kMicrosPerMinute;
// Expire() scans the whole map, so it does so at most once per minute of event time.
constexpr Micros kExpireScanInterval = kMicrosPerMinute;
constexpr size_t kMaxConnections = 100'000;

struct Source {
  IpAddress ip;
  bool has_ip = false;
  StringId name = kNoString;  // DNS name when the log gave one instead of an address

  bool known() const { return has_ip || name != kNoString; }
  // Only two addresses, or two names, can prove two lines come from different peers: pam_unix
  // may log the reverse-DNS name of the address the sshd lines give.
  bool Conflicts(const Source& other) const {
    if (has_ip && other.has_ip) return ip != other.ip;
    if (!has_ip && !other.has_ip && name != kNoString && other.name != kNoString) {
      return name != other.name;
    }
    return false;
  }
};

// What started a pending attempt; decides how later lines of the connection treat it.
enum class PendingKind : uint8_t {
  kNone,
  kInvalidUser,  // "Invalid user", "Failed publickey for invalid user"
  kDisabled,     // "User U not allowed because", "ROOT LOGIN REFUSED"
  kPam,          // pam_unix authentication failure: cancelled by an Accepted for the same user
  kPamError,     // "error: PAM: Authentication failure for U from H"
  kTooMany,      // "Disconnecting: Too many authentication failures" with nothing counted
};

struct Attempt {
  PendingKind kind = PendingKind::kNone;
  Timestamp time = 0;
  EvidenceLocation where;
  Source source;
  StringId user = kNoString;
  Reason reason = Reason::kNone;
  AuthMethod method = AuthMethod::kUnknown;
};

struct Connection {
  StringId target = kNoString;  // the host that logged it
  Source peer;
  StringId user = kNoString;
  bool invalid_user = false;
  bool authenticated = false;
  bool closed = false;   // a closing line was seen; a new attempt on it means a new connection
  uint32_t counted = 0;  // failure events emitted for this connection
  Timestamp last_time = 0;
  uint64_t last_seq = 0;
  Attempt pending;
};

struct ConnectionKey {
  StringId target = kNoString;
  int64_t pid = -1;
  bool operator==(const ConnectionKey&) const = default;
};

struct ConnectionKeyHash {
  size_t operator()(const ConnectionKey& key) const noexcept {
    return std::hash<uint64_t>{}((static_cast<uint64_t>(key.target) << 40) ^
                                 static_cast<uint64_t>(key.pid));
  }
};

// One classified line with its fields resolved against the string pool.
struct Line {
  const SyslogRecord* record = nullptr;
  const SshdMessage* message = nullptr;
  StringId target = kNoString;
  Source source;
  StringId user = kNoString;
};

bool IsInvalid(const SshdMessage& message) { return message.role == SshdUserRole::kInvalid; }

// Lines that are evidence of a new authentication attempt: on a connection already closed, or
// naming another peer, they start a new connection (pid reuse, concatenated logs).
bool StartsAttempt(const SshdMessage& m) {
  switch (m.kind) {
    case SshdKind::kAuthFailed:
    case SshdKind::kAuthAccepted:
    case SshdKind::kInvalidUser:
    case SshdKind::kPamFailure:
    case SshdKind::kPamError:
    case SshdKind::kNotAllowed:
    case SshdKind::kRootRefused:
      return true;
    case SshdKind::kReceivedDisconnect:
      return m.auth_fail;
    case SshdKind::kConnectionClosed:
      return m.role == SshdUserRole::kAuthenticating || m.role == SshdUserRole::kInvalid;
    default:
      return false;
  }
}

}  // namespace

class SshdParser::Impl {
 public:
  Impl(StringPool* strings, Diagnostics* diagnostics)
      : strings_(strings), diagnostics_(diagnostics) {}

  bool OnRecord(const SyslogRecord& record, std::string_view file_name, EventSink* sink);
  void Expire(Timestamp now, EventSink* sink);
  void Flush(EventSink* sink);

 private:
  Line Resolve(const SyslogRecord& record, const SshdMessage& message);
  Connection* Lookup(const Line& line, EventSink* sink);
  void Dispatch(Connection* c, const Line& line, EventSink* sink);
  void OnFailed(Connection* c, const Line& line, EventSink* sink);
  void OnKeyTry(Connection* c, const Line& line);
  void OnAccepted(Connection* c, const Line& line, EventSink* sink);
  void OnInvalidUser(Connection* c, const Line& line, EventSink* sink);
  void OnPamFailure(Connection* c, const Line& line, EventSink* sink);
  void OnPamError(Connection* c, const Line& line, EventSink* sink);
  void OnDisabled(Connection* c, const Line& line, EventSink* sink);
  void OnMaxAttempts(Connection* c, const Line& line, EventSink* sink);
  void OnTooMany(Connection* c, const Line& line, EventSink* sink);
  void OnChangeOfUser(Connection* c, const Line& line, EventSink* sink);
  void OnClosed(Connection* c, const Line& line, EventSink* sink);
  void OnReceivedDisconnect(Connection* c, const Line& line, EventSink* sink);

  Attempt MakeAttempt(const Connection& c, const Line& line, PendingKind kind, Reason reason,
                      AuthMethod method) const;
  void StartPending(Connection* c, const Line& line, PendingKind kind, Reason reason,
                    AuthMethod method);
  // Emits the pending attempt (citing `cite` when given) if it has a source; clears it.
  void EmitPending(Connection* c, const Line* cite, EventSink* sink);
  // A closing line: completes the pending attempt, with the line's source if it had none.
  void Close(Connection* c, const Line& line, EventSink* sink);
  void Emit(Connection* c, const Attempt& attempt, Outcome outcome, EventSink* sink);
  void EvictOldest(EventSink* sink);
  void FinalizeAll(const std::function<bool(const Connection&)>& pick, EventSink* sink);

  StringPool* strings_;
  Diagnostics* diagnostics_;
  std::unordered_map<ConnectionKey, Connection, ConnectionKeyHash> connections_;
  std::string canonical_;  // reused buffer for CanonicalUserName
  std::vector<std::pair<Timestamp, ConnectionKey>> scratch_;
  uint64_t seq_ = 0;
  Timestamp next_expire_scan_ = INT64_MIN;
};

bool SshdParser::Impl::OnRecord(const SyslogRecord& record, std::string_view file_name,
                                EventSink* sink) {
  SshdMessage message;
  if (!ClassifySshdMessage(record.message, &message)) {
    diagnostics_->Report(DiagnosticKind::kUnknownSshdMessage, file_name, record.where.line,
                         record.message.substr(0, 200));
    return false;
  }
  switch (message.kind) {
    case SshdKind::kIgnored:
    case SshdKind::kPamMoreFailures:  // repeats guesses already logged one by one
    case SshdKind::kRefusedConnect:   // tcp_wrappers: refused before any authentication
      return true;
    default:
      break;
  }
  Line line = Resolve(record, message);
  if (record.pid < 0) {  // no pid: the line is its own connection
    Connection alone;
    alone.target = line.target;
    alone.last_time = record.time;
    Dispatch(&alone, line, sink);
    EmitPending(&alone, nullptr, sink);
    return true;
  }
  Connection* c = Lookup(line, sink);
  if (c != nullptr) Dispatch(c, line, sink);
  if (connections_.size() > kMaxConnections) EvictOldest(sink);
  return true;
}

Line SshdParser::Impl::Resolve(const SyslogRecord& record, const SshdMessage& message) {
  Line line;
  line.record = &record;
  line.message = &message;
  line.target = strings_->Intern(record.host);
  if (!message.host.empty()) {
    if (auto ip = IpAddress::Parse(message.host)) {
      line.source.ip = *ip;
      line.source.has_ip = true;
    } else {
      line.source.name = strings_->Intern(message.host);
    }
  }
  if (message.has_user && !message.user.empty()) line.user = strings_->Intern(message.user);
  return line;
}

// Finds the connection of the line's (host, pid); a line that starts an attempt on a closed
// connection, or names another peer, finalizes the old one first. Protocol lines never create
// a connection (nullptr when there is none).
Connection* SshdParser::Impl::Lookup(const Line& line, EventSink* sink) {
  ConnectionKey key{line.target, line.record->pid};
  const SshdMessage& m = *line.message;
  auto it = connections_.find(key);
  if (it == connections_.end()) {
    if (m.kind == SshdKind::kProtocol) return nullptr;
    it = connections_.emplace(key, Connection{}).first;
    it->second.target = line.target;
  } else {
    Connection& c = it->second;
    bool restart = m.kind == SshdKind::kConnectionFrom ||
                   (StartsAttempt(m) && (c.closed || line.source.Conflicts(c.peer)));
    if (restart) {
      EmitPending(&c, nullptr, sink);
      c = Connection{};
      c.target = line.target;
    }
  }
  Connection& c = it->second;
  c.last_time = std::max(c.last_time, line.record->time);
  c.last_seq = ++seq_;
  return &c;
}

void SshdParser::Impl::Dispatch(Connection* c, const Line& line, EventSink* sink) {
  const SshdMessage& m = *line.message;
  if (line.source.known() && !c->peer.known()) c->peer = line.source;
  if (line.source.has_ip && !c->peer.has_ip) c->peer = line.source;
  if (line.user != kNoString && m.role != SshdUserRole::kAuthenticated) c->user = line.user;
  if (IsInvalid(m)) c->invalid_user = true;
  switch (m.kind) {
    case SshdKind::kAuthFailed:
      return OnFailed(c, line, sink);
    case SshdKind::kAuthPostponed:
      return OnKeyTry(c, line);
    case SshdKind::kAuthAccepted:
      return OnAccepted(c, line, sink);
    case SshdKind::kInvalidUser:
      return OnInvalidUser(c, line, sink);
    case SshdKind::kPamFailure:
      return OnPamFailure(c, line, sink);
    case SshdKind::kPamError:
      return OnPamError(c, line, sink);
    case SshdKind::kNotAllowed:
    case SshdKind::kRootRefused:
      return OnDisabled(c, line, sink);
    case SshdKind::kMaxAuthAttempts:
      return OnMaxAttempts(c, line, sink);
    case SshdKind::kTooManyFailures:
      return OnTooMany(c, line, sink);
    case SshdKind::kChangeOfUser:
      return OnChangeOfUser(c, line, sink);
    case SshdKind::kConnectionClosed:
      return OnClosed(c, line, sink);
    case SshdKind::kReceivedDisconnect:
      return OnReceivedDisconnect(c, line, sink);
    case SshdKind::kProtocol:
      return Close(c, line, sink);  // timeout, reset: the end
    case SshdKind::kPamCheckPassUnknown:
      c->invalid_user = true;
      return;
    default:
      return;  // kInputUserauthInvalid, kConnectionFrom: state noted above
  }
}

// "Failed <method>": one guess, absorbing what the connection logged before it for the same
// guess (Invalid user, pam_unix, User not allowed). Failed publickey/none are not guesses.
void SshdParser::Impl::OnFailed(Connection* c, const Line& line, EventSink* sink) {
  const SshdMessage& m = *line.message;
  if (m.method == AuthMethod::kPublicKey || m.method == AuthMethod::kNone) {
    return OnKeyTry(c, line);
  }
  Reason reason = IsInvalid(m) ? Reason::kUnknownUser : Reason::kBadPassword;
  Attempt attempt = MakeAttempt(*c, line, PendingKind::kNone, reason, m.method);
  Attempt& pending = c->pending;
  if (pending.kind != PendingKind::kNone && pending.user != kNoString &&
      attempt.user != kNoString && pending.user != attempt.user) {
    EmitPending(c, nullptr, sink);  // another user's attempt: it stands on its own
  }
  if (pending.kind != PendingKind::kNone) {
    attempt.time = pending.time;
    if (pending.reason == Reason::kDisabled || pending.reason == Reason::kUnknownUser) {
      attempt.reason = pending.reason;
    }
    if (attempt.user == kNoString) attempt.user = pending.user;
    if (!attempt.source.known()) attempt.source = pending.source;
    pending = Attempt{};
  }
  Emit(c, attempt, Outcome::kFailure, sink);
}

// Failed publickey/none, Postponed, Partial: not a guess (clients offer several keys). For an
// invalid user it is the same news as "Invalid user": a pending attempt.
void SshdParser::Impl::OnKeyTry(Connection* c, const Line& line) {
  if (IsInvalid(*line.message) && c->pending.kind == PendingKind::kNone) {
    StartPending(c, line, PendingKind::kInvalidUser, Reason::kUnknownUser, line.message->method);
  }
}

// Success. A pending pam_unix failure of the same user was a first PAM module failing before
// another accepted (fail2ban gh-2070): cancelled. Of another user: a real failure, proven here.
void SshdParser::Impl::OnAccepted(Connection* c, const Line& line, EventSink* sink) {
  Attempt& pending = c->pending;
  if (pending.kind == PendingKind::kPam) {
    if (pending.user == kNoString || pending.user == line.user) {
      pending = Attempt{};
    } else {
      EmitPending(c, &line, sink);
    }
  } else if (pending.kind != PendingKind::kNone) {
    EmitPending(c, nullptr, sink);
  }
  Attempt success = MakeAttempt(*c, line, PendingKind::kNone, Reason::kNone, line.message->method);
  Emit(c, success, Outcome::kSuccess, sink);
  c->authenticated = true;
}

void SshdParser::Impl::OnInvalidUser(Connection* c, const Line& line, EventSink* sink) {
  const Attempt& pending = c->pending;
  // sshd writes "Invalid user" once per userauth attempt; the same name after a key try for
  // that invalid user is the same attempt, but a repeated "Invalid user" line is a new one
  // (CrowdSec's ssh-slow-bf fixture repeats it on one connection every 30 s).
  const bool after_key_try = pending.method != AuthMethod::kUnknown;
  if (pending.kind == PendingKind::kInvalidUser && pending.user == line.user && after_key_try) {
    return;
  }
  if (pending.kind != PendingKind::kNone) EmitPending(c, nullptr, sink);
  StartPending(c, line, PendingKind::kInvalidUser, Reason::kUnknownUser, AuthMethod::kUnknown);
}

// pam_unix "authentication failure": pending until a Failed line absorbs it, an Accepted of the
// same user cancels it, or the connection ends. Two in a row for one user are one guess seen by
// two PAM modules; for another user, the first is proven and cited at this line.
void SshdParser::Impl::OnPamFailure(Connection* c, const Line& line, EventSink* sink) {
  Attempt& pending = c->pending;
  StringId user = line.user != kNoString ? line.user : c->user;
  if (pending.kind == PendingKind::kInvalidUser || pending.kind == PendingKind::kDisabled) {
    pending.where = line.record->where;  // pam is the more specific line of the same guess
    if (!pending.source.known()) pending.source = line.source;
    return;
  }
  if (pending.kind == PendingKind::kPam) {
    if (pending.user == kNoString || user == kNoString || pending.user == user) return;
    EmitPending(c, &line, sink);
  } else if (pending.kind != PendingKind::kNone) {
    EmitPending(c, nullptr, sink);
  }
  Reason reason = c->invalid_user ? Reason::kUnknownUser : Reason::kBadPassword;
  StartPending(c, line, PendingKind::kPam, reason, AuthMethod::kPassword);
  c->pending.user = user;
}

void SshdParser::Impl::OnPamError(Connection* c, const Line& line, EventSink* sink) {
  Attempt& pending = c->pending;
  if (pending.kind == PendingKind::kInvalidUser || pending.kind == PendingKind::kDisabled) {
    pending.where = line.record->where;
    pending.kind = PendingKind::kPamError;
    return;
  }
  if (pending.kind != PendingKind::kNone) EmitPending(c, nullptr, sink);
  Reason reason = IsInvalid(*line.message) ? Reason::kUnknownUser : Reason::kBadPassword;
  StartPending(c, line, PendingKind::kPamError, reason, AuthMethod::kUnknown);
}

// "User U from H not allowed because ..." (once per connection) and "ROOT LOGIN REFUSED"
// (once per try): pending with reason kDisabled, absorbed by the Failed line that follows.
void SshdParser::Impl::OnDisabled(Connection* c, const Line& line, EventSink* sink) {
  if (c->pending.kind != PendingKind::kNone) EmitPending(c, nullptr, sink);
  StartPending(c, line, PendingKind::kDisabled, Reason::kDisabled, AuthMethod::kUnknown);
}

// MaxAuthTries reached: the guesses were logged one by one; counts only if none was.
void SshdParser::Impl::OnMaxAttempts(Connection* c, const Line& line, EventSink* sink) {
  if (c->counted > 0) return;
  if (c->pending.kind != PendingKind::kNone) return EmitPending(c, nullptr, sink);
  Reason reason = IsInvalid(*line.message) ? Reason::kUnknownUser : Reason::kBadPassword;
  Emit(c, MakeAttempt(*c, line, PendingKind::kNone, reason, AuthMethod::kUnknown),
       Outcome::kFailure, sink);
}

// "Disconnecting ...: Too many authentication failures": one failure only when nothing was
// counted (key-only tries). Older versions log no address: the closing line supplies it.
void SshdParser::Impl::OnTooMany(Connection* c, const Line& line, EventSink* sink) {
  if (c->counted == 0 && c->pending.kind == PendingKind::kNone && !c->authenticated) {
    Reason reason = IsInvalid(*line.message) ? Reason::kUnknownUser : Reason::kBadPassword;
    StartPending(c, line, PendingKind::kTooMany, reason, AuthMethod::kUnknown);
    if (c->pending.user == kNoString) c->pending.user = c->user;
  }
  Close(c, line, sink);
}

// The client switched user names on one connection: an attempt at the new name.
void SshdParser::Impl::OnChangeOfUser(Connection* c, const Line& line, EventSink* sink) {
  EmitPending(c, nullptr, sink);
  const SshdMessage& m = *line.message;
  if (!m.new_user.empty()) {
    Attempt attempt =
        MakeAttempt(*c, line, PendingKind::kNone, Reason::kAborted, AuthMethod::kUnknown);
    attempt.user = strings_->Intern(m.new_user);
    Emit(c, attempt, Outcome::kFailure, sink);
  }
  Close(c, line, sink);
}

// "Connection closed|reset by / Disconnected from [authenticating|invalid user U ]H": with a
// user and nothing counted, the client gave up after a try sshd did not log (OpenSSH >= 7.5).
void SshdParser::Impl::OnClosed(Connection* c, const Line& line, EventSink* sink) {
  const SshdMessage& m = *line.message;
  bool names_attempt = m.role == SshdUserRole::kAuthenticating || IsInvalid(m);
  if (names_attempt && c->pending.kind == PendingKind::kNone && c->counted == 0 &&
      !c->authenticated) {
    Reason reason = IsInvalid(m) ? Reason::kUnknownUser : Reason::kAborted;
    Emit(c, MakeAttempt(*c, line, PendingKind::kNone, reason, AuthMethod::kUnknown),
         Outcome::kFailure, sink);
  }
  Close(c, line, sink);
}

// "Received disconnect ...: 3: ... Auth fail" is the client reporting a failed authentication:
// one failure if nothing was counted. Any other code (11: Bye Bye) only ends the connection.
void SshdParser::Impl::OnReceivedDisconnect(Connection* c, const Line& line, EventSink* sink) {
  if (line.message->auth_fail && c->pending.kind == PendingKind::kNone && c->counted == 0 &&
      !c->authenticated) {
    Emit(c, MakeAttempt(*c, line, PendingKind::kNone, Reason::kBadPassword, AuthMethod::kUnknown),
         Outcome::kFailure, sink);
  }
  Close(c, line, sink);
}

Attempt SshdParser::Impl::MakeAttempt(const Connection& c, const Line& line, PendingKind kind,
                                      Reason reason, AuthMethod method) const {
  Attempt attempt;
  attempt.kind = kind;
  attempt.time = line.record->time;
  attempt.where = line.record->where;
  attempt.source = line.source.known() ? line.source : c.peer;
  attempt.user = line.user != kNoString ? line.user : c.user;
  attempt.reason = reason;
  attempt.method = method;
  return attempt;
}

void SshdParser::Impl::StartPending(Connection* c, const Line& line, PendingKind kind,
                                    Reason reason, AuthMethod method) {
  c->pending = MakeAttempt(*c, line, kind, reason, method);
}

void SshdParser::Impl::EmitPending(Connection* c, const Line* cite, EventSink* sink) {
  Attempt attempt = c->pending;
  c->pending = Attempt{};
  if (attempt.kind == PendingKind::kNone) return;
  if (!attempt.source.known()) attempt.source = c->peer;
  if (cite != nullptr) attempt.where = cite->record->where;
  // An attempt whose source never appeared cannot be attributed: dropped (docs/sshd.md).
  if (attempt.source.known()) Emit(c, attempt, Outcome::kFailure, sink);
}

void SshdParser::Impl::Close(Connection* c, const Line& line, EventSink* sink) {
  c->closed = true;
  Attempt& pending = c->pending;
  if (pending.kind == PendingKind::kNone) return;
  if (!pending.source.known()) {
    if (!line.source.known()) return;  // still waiting for a line that names the peer
    pending.source = line.source;
    pending.where = line.record->where;  // the line that makes the attempt attributable
  }
  // A pam_unix failure is only certain once no Accepted can cancel it: cite the closing line.
  EmitPending(c, pending.kind == PendingKind::kPam ? &line : nullptr, sink);
}

void SshdParser::Impl::Emit(Connection* c, const Attempt& attempt, Outcome outcome,
                            EventSink* sink) {
  AuthEvent event;
  event.time = attempt.time;
  event.source_ip = attempt.source.ip;
  event.has_source_ip = attempt.source.has_ip;
  event.source_host = attempt.source.has_ip ? kNoString : attempt.source.name;
  event.user = attempt.user;
  if (attempt.user != kNoString) {
    CanonicalUserName(strings_->View(attempt.user), UserCase::kSensitive, &canonical_);
    event.user_canonical = strings_->Intern(canonical_);
  }
  event.target_host = c->target;
  event.service = Service::kSsh;
  event.outcome = outcome;
  event.reason = attempt.reason;
  event.method = attempt.method;
  event.where = attempt.where;
  if (outcome == Outcome::kFailure) ++c->counted;
  sink->OnEvent(event);
}

// Emits the pending attempts of the picked connections in time order and forgets them.
void SshdParser::Impl::FinalizeAll(const std::function<bool(const Connection&)>& pick,
                                   EventSink* sink) {
  scratch_.clear();
  for (const auto& [key, c] : connections_) {
    if (!pick(c)) continue;
    Timestamp order = c.pending.kind != PendingKind::kNone ? c.pending.time : c.last_time;
    scratch_.emplace_back(order, key);
  }
  std::sort(scratch_.begin(), scratch_.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    if (a.second.target != b.second.target) return a.second.target < b.second.target;
    return a.second.pid < b.second.pid;
  });
  for (const auto& [order, key] : scratch_) {
    auto it = connections_.find(key);
    EmitPending(&it->second, nullptr, sink);
    connections_.erase(it);
  }
}

// Past the bound, the least recently active tenth of the connections is finalized.
void SshdParser::Impl::EvictOldest(EventSink* sink) {
  std::vector<uint64_t> seqs;
  seqs.reserve(connections_.size());
  for (const auto& entry : connections_) seqs.push_back(entry.second.last_seq);
  size_t cut = seqs.size() / 10;
  std::nth_element(seqs.begin(), seqs.begin() + static_cast<std::ptrdiff_t>(cut), seqs.end());
  uint64_t threshold = seqs[cut];
  FinalizeAll([threshold](const Connection& c) { return c.last_seq <= threshold; }, sink);
}

void SshdParser::Impl::Expire(Timestamp now, EventSink* sink) {
  if (now < next_expire_scan_) return;
  next_expire_scan_ = now + kExpireScanInterval;
  Timestamp limit = now - kIdleTimeout;
  FinalizeAll([limit](const Connection& c) { return c.last_time < limit; }, sink);
}

void SshdParser::Impl::Flush(EventSink* sink) {
  FinalizeAll([](const Connection&) { return true; }, sink);
}

SshdParser::SshdParser(StringPool* strings, Diagnostics* diagnostics)
    : impl_(std::make_unique<Impl>(strings, diagnostics)) {}

SshdParser::~SshdParser() = default;

bool SshdParser::HandlesProgram(std::string_view program) {
  return program == "sshd" || program == "sshd-session" || program == "sshd(pam_unix)" ||
         program == "sshd-auth";
}

bool SshdParser::OnRecord(const SyslogRecord& record, std::string_view file_name, EventSink* sink) {
  return impl_->OnRecord(record, file_name, sink);
}

void SshdParser::Expire(Timestamp now, EventSink* sink) { impl_->Expire(now, sink); }

void SshdParser::Flush(EventSink* sink) { impl_->Flush(sink); }

}  // namespace spraytrace::parse
