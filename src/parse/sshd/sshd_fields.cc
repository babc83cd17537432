#include "parse/sshd/sshd_fields.h"

#include "parse/text_scan.h"

namespace spraytrace::parse::sshd_detail {

using std::string_view;

namespace {

// Removes the token before " from " at the end: "U from H" -> host H, returns U.
bool SplitUserFromHost(string_view text, string_view* user, string_view* host) {
  size_t pos = text.rfind(" from ");
  if (pos == string_view::npos) return false;
  *host = text.substr(pos + 6);
  *user = text.substr(0, pos);
  return IsPlausibleHost(*host);
}

// "HOST[ port N][ sshN]" followed by the end or ": info". True when it validates.
bool ValidAuthTail(string_view tail, string_view* host, bool* at_end) {
  size_t space = tail.find(' ');
  *host = tail.substr(0, space);
  if (!IsPlausibleHost(*host)) return false;
  if (space == string_view::npos) {
    *at_end = true;
    return true;
  }
  string_view rest = tail.substr(space);
  if (Consume(&rest, " port ")) {
    size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits == 0) return false;
    rest.remove_prefix(digits);
  }
  if (Consume(&rest, " ssh")) {
    while (!rest.empty() && rest[0] >= '0' && rest[0] <= '9') rest.remove_prefix(1);
  }
  *at_end = rest.empty();
  return rest.empty() || rest.starts_with(": ");
}

// Splits "U from HOST port P sshN[: info]" where U is client-controlled. A single-word user
// followed by a valid tail wins (that is the only reading when U has no space); otherwise the
// last " from " whose tail ends the line, else the last valid one. See docs/sshd.md.
bool LocateAuthHost(string_view rest, string_view* user, string_view* host) {
  bool found = false;
  bool found_at_end = false;
  size_t pos = rest.find(" from ");
  bool first = true;
  for (; pos != string_view::npos; pos = rest.find(" from ", pos + 1)) {
    string_view candidate_host;
    bool at_end = false;
    if (!ValidAuthTail(rest.substr(pos + 6), &candidate_host, &at_end)) {
      first = false;
      continue;
    }
    string_view candidate_user = rest.substr(0, pos);
    if (first && candidate_user.find(' ') == string_view::npos) {
      *user = candidate_user;
      *host = candidate_host;
      return true;
    }
    first = false;
    if (at_end || !found_at_end) {
      *user = candidate_user;
      *host = candidate_host;
      found = true;
      found_at_end = found_at_end || at_end;
    }
  }
  return found;
}

}  // namespace

// Removes a trailing " port N".
bool StripPort(string_view* text) {
  size_t pos = text->rfind(" port ");
  if (pos == string_view::npos || !IsDigits(text->substr(pos + 6))) return false;
  text->remove_suffix(text->size() - pos);
  return true;
}

// Solaris "[ID 800047 auth.info] ", journald "kernel:[  970.69]: " / "kernel: [  970.69] ",
// and the log level words sshd's error()/fatal() prepend.
string_view StripPrefixes(string_view text) {
  for (int round = 0; round < 4; ++round) {
    text = TrimLeft(text);
    if (text.starts_with("[ID ")) {
      size_t end = text.find("] ");
      if (end == string_view::npos) return text;
      text.remove_prefix(end + 2);
    } else if (text.starts_with("kernel:")) {
      string_view rest = TrimLeft(text.substr(7));
      if (!rest.starts_with('[')) return text;
      size_t end = rest.find(']');
      if (end == string_view::npos) return text;
      rest.remove_prefix(end + 1);
      Consume(&rest, ":");
      text = rest;
    } else if (!Consume(&text, "error: ") && !Consume(&text, "fatal: ")) {
      return text;
    }
  }
  return text;
}

bool ConsumeInvalidUserWords(string_view* text) {
  return Consume(text, "invalid user ") || Consume(text, "illegal user ");
}

// "Failed|Accepted|Postponed|Partial <method> for [invalid user ]U from H port P ssh2[: info]".
bool ParseAuthLog(string_view text, SshdKind kind, SshdMessage* out) {
  size_t space = text.find(' ');
  if (space == string_view::npos) return false;
  out->method = SshdMethodFromWord(text.substr(0, space));
  string_view rest = text.substr(space);
  if (!Consume(&rest, " for ")) return false;
  out->kind = kind;
  if (Consume(&rest, "<invalid username>")) {  // Solaris / OS X: the name is not logged
    out->role = SshdUserRole::kInvalid;
    bool at_end = false;
    return Consume(&rest, " from ") && ValidAuthTail(rest, &out->host, &at_end);
  }
  if (ConsumeInvalidUserWords(&rest)) out->role = SshdUserRole::kInvalid;
  if (!LocateAuthHost(rest, &out->user, &out->host)) return false;
  out->has_user = true;
  return true;
}

// "Invalid user U from H[ port P]" (also pre-4.x "Illegal user").
bool ParseInvalidUser(string_view rest, SshdMessage* out) {
  StripPort(&rest);
  if (!SplitUserFromHost(rest, &out->user, &out->host)) return false;
  out->kind = SshdKind::kInvalidUser;
  out->has_user = true;
  out->role = SshdUserRole::kInvalid;
  return true;
}

// "authentication failure; logname= uid=0 euid=0 tty=ssh ruser=R rhost=H[  user=U]".
// user= is last and may be client-chosen, so rhost is the FIRST " rhost=" and user the first
// " user=" after it. ruser= stands in for the user when user= is absent (fail2ban's ALT_USER).
bool ParsePamFailure(string_view text, SshdMessage* out) {
  size_t rhost_pos = text.find(" rhost=");
  if (rhost_pos == string_view::npos) return false;
  string_view after = text.substr(rhost_pos + 7);
  out->host = after.substr(0, after.find(' '));
  out->kind = SshdKind::kPamFailure;
  size_t user_pos = after.find(" user=");
  if (user_pos != string_view::npos) {
    out->user = TrimRight(TrimLeft(after.substr(user_pos + 6)));
  } else {
    out->user = FieldValue(text.substr(0, rhost_pos + 1), " ruser=");
  }
  out->has_user = !out->user.empty();
  return out->host.empty() || IsPlausibleHost(out->host);
}

// Everything after "PAM: " (OS X, old Linux-PAM sshd builds).
bool ParsePamError(string_view rest, SshdMessage* out) {
  if (!ConsumeAnyFirstCase(&rest, "authentication failure for ") &&
      !ConsumeAnyFirstCase(&rest, "authentication error for ") &&
      !Consume(&rest, "User not known to the underlying authentication module for ")) {
    return false;
  }
  size_t via = rest.rfind(" via ");
  if (via != string_view::npos && rest.find(' ', via + 5) == string_view::npos) {
    rest.remove_suffix(rest.size() - via);
  }
  if (!SplitUserFromHost(rest, &out->user, &out->host)) return false;
  if (ConsumeInvalidUserWords(&out->user)) out->role = SshdUserRole::kInvalid;
  out->kind = SshdKind::kPamError;
  out->has_user = true;
  return true;
}

bool ParseMaxAttempts(string_view rest, SshdMessage* out) {
  if (!ConsumeSuffix(&rest, " ssh2") && !ConsumeSuffix(&rest, " ssh1")) return false;
  StripPort(&rest);
  if (!SplitUserFromHost(rest, &out->user, &out->host)) return false;
  if (ConsumeInvalidUserWords(&out->user)) out->role = SshdUserRole::kInvalid;
  out->kind = SshdKind::kMaxAuthAttempts;
  out->has_user = true;
  return true;
}

// Connection id as sshpkt_fmt_connection_id() writes it:
// "[authenticating user U |invalid user U |user U ]HOST[ port P]".
bool ParseConnectionId(string_view id, SshdMessage* out) {
  StripPort(&id);
  size_t space = id.rfind(' ');
  out->host = space == string_view::npos ? id : id.substr(space + 1);
  if (!IsPlausibleHost(out->host)) return false;
  if (space == string_view::npos) return true;
  string_view who = id.substr(0, space + 1);  // keeps the space closing the user name
  if (Consume(&who, "authenticating user ") || Consume(&who, "authenticatinguser ")) {
    out->role = SshdUserRole::kAuthenticating;
  } else if (Consume(&who, "invalid user ")) {
    out->role = SshdUserRole::kInvalid;
  } else if (Consume(&who, "user ")) {
    out->role = SshdUserRole::kAuthenticated;
  } else {
    return false;
  }
  // The role words must be followed by the user and its closing space; "user rootf1.2.3.4"
  // (user and host run together, as a fuzzer found) leaves nothing and is not a connection id.
  if (who.empty()) return false;
  who.remove_suffix(1);
  out->user = who;
  out->has_user = true;
  return true;
}

// After "Disconnecting ": "[who ]HOST port P: reason" or ": reason" (pre-7.5).
bool ParseDisconnecting(string_view rest, SshdMessage* out) {
  constexpr string_view kTooMany = ": Too many authentication failures";
  constexpr string_view kChange = ": Change of username or service not allowed: ";
  size_t reason = rest.rfind(kTooMany);
  out->kind = SshdKind::kTooManyFailures;
  if (reason == string_view::npos) {
    reason = rest.rfind(kChange);
    out->kind = SshdKind::kChangeOfUser;
    if (reason != string_view::npos) {
      string_view change = rest.substr(reason + kChange.size());
      size_t arrow = change.rfind(") -> (");
      if (arrow != string_view::npos) {
        string_view target = change.substr(arrow + 6);
        out->new_user = target.substr(0, target.rfind(','));
      }
    }
  }
  if (reason == string_view::npos) {
    out->kind = SshdKind::kProtocol;  // "Disconnecting: Corrupted MAC on input." and the like
    return true;
  }
  string_view id = rest.substr(0, reason);
  if (reason == 0) {  // "Disconnecting: Too many authentication failures[ for U]"
    string_view tail = rest.substr(kTooMany.size());
    if (Consume(&tail, " for ")) {
      out->user = tail;
      out->has_user = true;
    }
    return true;
  }
  return ParseConnectionId(id, out);
}

// After "Received disconnect from ": "H port P:N: text" or "H: N: text".
bool ParseReceivedDisconnect(string_view rest, SshdMessage* out) {
  size_t end = rest.find(" port ");
  size_t colon;
  if (end != string_view::npos) {
    colon = rest.find(':', end);
  } else {
    end = rest.find(": ");
    colon = end;
  }
  if (end == string_view::npos || colon == string_view::npos) return false;
  out->host = rest.substr(0, end);
  if (!IsPlausibleHost(out->host)) return false;
  string_view tail = TrimLeft(rest.substr(colon + 1));
  int code = 0;
  size_t digits = 0;
  while (digits < tail.size() && digits < 6 && tail[digits] >= '0' && tail[digits] <= '9') {
    code = code * 10 + (tail[digits] - '0');
    ++digits;
  }
  out->disconnect_code = digits > 0 ? code : -1;
  out->auth_fail = tail.find("Auth fail") != string_view::npos;
  out->kind = SshdKind::kReceivedDisconnect;
  return true;
}

// After "User ": "U from H not allowed because R" or "U not allowed because account is locked".
// U is an existing account name here (sshd looked it up), so it is not client-chosen text.
bool ParseNotAllowed(string_view rest, SshdMessage* out) {
  size_t because = rest.rfind(" not allowed because ");
  if (because == string_view::npos) return false;
  string_view who = rest.substr(0, because);
  string_view user;
  string_view host;
  if (SplitUserFromHost(who, &user, &host)) {
    out->user = user;
    out->host = host;
  } else {
    out->user = who;
  }
  out->has_user = true;
  out->kind = SshdKind::kNotAllowed;
  return true;
}

// After "Connection from ": "H port P on A port Q[ rdomain "x"]", "H", or
// "[authenticating user U ]H port P timed out".
bool ParseConnectionFrom(string_view rest, SshdMessage* out) {
  if (ConsumeSuffix(&rest, " timed out")) {
    out->kind = SshdKind::kConnectionClosed;
    return ParseConnectionId(rest, out);
  }
  out->kind = SshdKind::kConnectionFrom;
  out->host = rest.substr(0, rest.find(' '));
  return IsPlausibleHost(out->host);
}

}  // namespace spraytrace::parse::sshd_detail
