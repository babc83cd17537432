// AuthEvent: one authentication attempt, whatever log family it came from.
//
// The unit every detector counts: one password guess is one AuthEvent even when the log wrote
// it as several lines (sshd: "Invalid user" + pam_unix + "Failed password"). Strings are ids in
// the run's StringPool; `where` cites the line that proves the attempt. Plain value type.
#ifndef SPRAYTRACE_EVENT_AUTH_EVENT_H_
#define SPRAYTRACE_EVENT_AUTH_EVENT_H_

#include <cstdint>
#include <string_view>

#include "event/ip_address.h"
#include "event/string_pool.h"
#include "event/timestamp.h"

namespace spraytrace {

enum class Outcome : uint8_t { kFailure, kSuccess };
inline constexpr Outcome kLastOutcome = Outcome::kSuccess;  // keep at the enum's end (snapshots)

enum class Reason : uint8_t {
  kNone,             ///< success, or a failure the log gives no reason for
  kBadPassword,      ///< the account exists, the secret was wrong
  kUnknownUser,      ///< the account does not exist
  kLockedOut,        ///< refused because of lockout
  kDisabled,         ///< account disabled, or not allowed (sshd AllowUsers/DenyUsers, root refused)
  kExpiredPassword,  ///< password right but expired: the guess was correct
  kMfaRequired,      ///< password right, second factor asked: the guess was correct
  kBlockedByPolicy,  ///< conditional access, IP block
  kAborted,          ///< client gave up or was cut off during authentication, no verdict logged
  kOther,
  // Refused by a policy checked only after the password was accepted (Entra conditional access,
  // 53003): the guess was correct. After kOther so saved snapshots keep their numbers.
  kBlockedAfterPassword,
};
inline constexpr Reason kLastReason = Reason::kBlockedAfterPassword;  // keep at the enum's end

enum class Service : uint8_t { kSsh, kEntra, kWindows, kVpn, kOther };

// How the credential was presented (sshd's method word; other families map to the nearest).
enum class AuthMethod : uint8_t {
  kUnknown,
  kPassword,
  kKeyboardInteractive,
  kPublicKey,
  kHostBased,
  kGssapi,
  kNone,
};
inline constexpr AuthMethod kLastAuthMethod = AuthMethod::kNone;  // keep at the enum's end

struct EvidenceLocation {
  uint32_t file = 0;    // index into the run's FileTable
  uint64_t line = 0;    // 1-based line number within the (decompressed) file
  uint64_t offset = 0;  // byte offset of the line start within the decompressed stream

  bool operator==(const EvidenceLocation&) const = default;
};

struct AuthEvent {
  Timestamp time = 0;
  IpAddress source_ip;
  bool has_source_ip = false;
  StringId source_host = kNoString;  // when the log gave a name instead of an address (rhost=)
  StringId user = kNoString;         // as logged; kNoString when absent or empty
  StringId user_canonical = kNoString;
  StringId target_host = kNoString;  // host that logged the attempt (syslog hostname)
  // Tenant the attempt was made against (Entra tenantId, M365 OrganizationId): one campaign
  // spraying several tenants is still one campaign.
  StringId tenant = kNoString;
  // What the client showed of itself: user agent, client app, VPN client version. Part of a
  // campaign's fingerprint; kNoString when the log does not say.
  StringId client = kNoString;
  Service service = Service::kSsh;
  Outcome outcome = Outcome::kFailure;
  Reason reason = Reason::kNone;
  AuthMethod method = AuthMethod::kUnknown;
  EvidenceLocation where;
};

// True for reasons that mean the secret was right even though the login did not complete:
// detectors count them as logins (a spray that reaches one has found a valid credential).
constexpr bool IsPasswordCorrect(Reason reason) {
  return reason == Reason::kExpiredPassword || reason == Reason::kMfaRequired ||
         reason == Reason::kBlockedAfterPassword;
}

std::string_view OutcomeName(Outcome outcome);
std::string_view ReasonName(Reason reason);
std::string_view ServiceName(Service service);
std::string_view AuthMethodName(AuthMethod method);

}  // namespace spraytrace

#endif  // SPRAYTRACE_EVENT_AUTH_EVENT_H_
