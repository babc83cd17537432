// The attempt-counting rules: how each sshd message family starts, completes, absorbs or
// cancels an attempt on its connection (docs/sshd.md explains each with examples).
#include "parse/sshd/sshd_parser_impl.h"

namespace spraytrace::parse {

using sshd_detail::IsInvalid;

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

}  // namespace spraytrace::parse
