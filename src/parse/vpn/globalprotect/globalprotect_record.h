// GlobalProtectLogin: what one PAN-OS log record says about a GlobalProtect login, read from
// its CSV fields by position (PAN-OS "GlobalProtect Log Fields" and "System Log Fields";
// formats.md 8). Pure functions, no allocation: views into the fields.
//
//   PAN-OS >= 9.1, type GLOBALPROTECT: event id (8) portal-auth / gateway-auth, stage (9),
//     auth method (10), source user (12), public IP (15) / public IPv6 (16), client version
//     (21), reason (25), error (26), status (28) success / failure, device name (47).
//   PAN-OS <= 9.0 (and many later), type SYSTEM subtype globalprotect: event id (8)
//     globalprotectportal-auth-fail / -succ, globalprotectgateway-auth-fail / -succ; the
//     client and user only in the description's free text (14): "GlobalProtect portal user
//     authentication failed. Login from: IP, Source region: CC, User name: U, Reason: R,
//     Auth type: T" (cut at about 256 bytes by PAN-OS); device name (22).
// Both: generated time (6) and receive time (1) "yyyy/mm/dd hh:mm:ss", serial (2).
#ifndef SPRAYTRACE_PARSE_VPN_GLOBALPROTECT_GLOBALPROTECT_RECORD_H_
#define SPRAYTRACE_PARSE_VPN_GLOBALPROTECT_GLOBALPROTECT_RECORD_H_

#include <span>
#include <string_view>

#include "event/auth_event.h"

namespace spraytrace::parse::vpn {

struct GlobalProtectLogin {
  Outcome outcome = Outcome::kFailure;
  bool portal = false;           // a portal login (else a gateway's)
  std::string_view generated;    // "2021/03/24 11:30:00"
  std::string_view received;     // the same shape; used when generated is unreadable
  std::string_view user;         // as logged ("tng\\troy", "max@example.com", "")
  std::string_view address;      // the client's public address
  std::string_view reason;       // error / reason text ("" when none)
  std::string_view client;       // client version, "" when none
  std::string_view auth_method;  // "LDAP", "RADIUS", "Cookie", "SAML", ...; "" when none
  std::string_view device;       // device name, else the serial
};

enum class GlobalProtectParse : uint8_t {
  kNotMine,     ///< not a GLOBALPROTECT or SYSTEM/globalprotect record
  kNotAttempt,  ///< a GlobalProtect record that is no login (pre-login, config, logout, ...)
  kAttempt,     ///< *login filled
  kMalformed,   ///< a login record cut before its status, user or address
};

// The PAN-OS CSV record types this family reads, told from fields 3 and 4.
bool IsGlobalProtectRecord(std::span<const std::string_view> fields);

// Reads a record's fields. `cut`: the record was cut inside a quoted field (the fields are
// complete up to the last one).
GlobalProtectParse ReadGlobalProtectRecord(std::span<const std::string_view> fields, bool cut,
                                           GlobalProtectLogin* login);

// The SYSTEM description's "Login from: IP" and "User name: U"; false when either is missing
// or the text was cut inside the name.
bool ParseGlobalProtectDescription(std::string_view description, std::string_view* address,
                                   std::string_view* user, std::string_view* reason);

// PAN-OS error texts into the event vocabulary.
Reason GlobalProtectReason(std::string_view text);

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_GLOBALPROTECT_GLOBALPROTECT_RECORD_H_
