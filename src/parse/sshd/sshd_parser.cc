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
#include "parse/sshd/sshd_parser_impl.h"

namespace spraytrace::parse {

using sshd_detail::IsInvalid;
using sshd_detail::kExpireScanInterval;
using sshd_detail::kIdleTimeout;
using sshd_detail::kMaxConnections;
using sshd_detail::StartsAttempt;

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
  // One host writes a whole file, mostly: no hashing of its name per line.
  if (last_target_ == kNoString || strings_->View(last_target_) != record.host) {
    last_target_ = strings_->Intern(record.host);
  }
  line.target = last_target_;
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
    // A closing line naming the user after the connection already closed is sshd's second
    // closing line for the same connection ("Received disconnect ... Bye Bye" then "Disconnected
    // from invalid user U ..."), not a new attempt; another peer or user is a new connection.
    const bool closing_echo = c.closed && m.kind == SshdKind::kConnectionClosed &&
                              (c.user == kNoString || line.user == c.user);
    bool restart =
        m.kind == SshdKind::kConnectionFrom ||
        (StartsAttempt(m) && (line.source.Conflicts(c.peer) || (c.closed && !closing_echo)));
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
    const std::string_view user = strings_->View(attempt.user);
    CanonicalUserName(user, UserCase::kSensitive, &canonical_);
    // Case kept, so the canonical name is a part of the name: all of it for most names.
    event.user_canonical =
        canonical_.size() == user.size() ? attempt.user : strings_->Intern(canonical_);
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
