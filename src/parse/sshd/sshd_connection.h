// Per-connection state of the sshd parser: which attempt is pending on a connection, what the
// connection has counted so far, and the line being applied. Internal to parse/sshd.
#ifndef SPRAYTRACE_PARSE_SSHD_SSHD_CONNECTION_H_
#define SPRAYTRACE_PARSE_SSHD_SSHD_CONNECTION_H_

#include <cstddef>
#include <cstdint>

#include "common/duration.h"
#include "event/auth_event.h"
#include "event/ip_address.h"
#include "parse/sshd/sshd_message.h"
#include "parse/syslog/syslog_record.h"

namespace spraytrace::parse::sshd_detail {

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

inline bool IsInvalid(const SshdMessage& message) { return message.role == SshdUserRole::kInvalid; }

// Lines that are evidence of a new authentication attempt: on a connection already closed, or
// naming another peer, they start a new connection (pid reuse, concatenated logs).
inline bool StartsAttempt(const SshdMessage& m) {
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

}  // namespace spraytrace::parse::sshd_detail

#endif  // SPRAYTRACE_PARSE_SSHD_SSHD_CONNECTION_H_
