// Field parsers behind ClassifySshdMessage, one per sshd message family: each takes the text
// after the family's leading words and fills an SshdMessage. Internal to the sshd parser.
#ifndef SPRAYTRACE_PARSE_SSHD_SSHD_FIELDS_H_
#define SPRAYTRACE_PARSE_SSHD_SSHD_FIELDS_H_

#include <string_view>

#include "parse/sshd/sshd_message.h"

namespace spraytrace::parse::sshd_detail {

// Removes a trailing " port N" (or ":N" glued to an address); true when one was removed.
bool StripPort(std::string_view* text);
// Drops prefixes sshd or syslog put before the message: Solaris "[ID 800047 auth.info] ",
// journald "kernel: [  970.699396] ", "error: ", "fatal: ".
std::string_view StripPrefixes(std::string_view text);
// Removes a leading "invalid user " / "illegal user "; true when it did.
bool ConsumeInvalidUserWords(std::string_view* text);

// "<method> for [invalid user ]U from H port P ssh2[: key]" after "Failed "/"Accepted "/...
bool ParseAuthLog(std::string_view text, SshdKind kind, SshdMessage* out);
// After "Invalid user ": "U from H[ port P]".
bool ParseInvalidUser(std::string_view rest, SshdMessage* out);
// pam_unix "authentication failure; ... rhost=H[ user=U]" (also the 2005 sshd(pam_unix) form).
bool ParsePamFailure(std::string_view text, SshdMessage* out);
// After "PAM: ": "Authentication failure for [illegal user ]U from H[ via X]".
bool ParsePamError(std::string_view rest, SshdMessage* out);
// After "maximum authentication attempts exceeded for ".
bool ParseMaxAttempts(std::string_view rest, SshdMessage* out);
// sshpkt_fmt_connection_id(): "[authenticating user U |invalid user U |user U ]HOST[ port P]".
bool ParseConnectionId(std::string_view id, SshdMessage* out);
// After "Disconnecting ": "[who ]HOST port P: reason" or ": reason" (pre-7.5).
bool ParseDisconnecting(std::string_view rest, SshdMessage* out);
// After "Received disconnect from ": "H port P:N: text" or "H: N: text".
bool ParseReceivedDisconnect(std::string_view rest, SshdMessage* out);
// After "User ": "U from H not allowed because ...".
bool ParseNotAllowed(std::string_view rest, SshdMessage* out);
// After "Connection from ": "H port P on ...".
bool ParseConnectionFrom(std::string_view rest, SshdMessage* out);

}  // namespace spraytrace::parse::sshd_detail

#endif  // SPRAYTRACE_PARSE_SSHD_SSHD_FIELDS_H_
