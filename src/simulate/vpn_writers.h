// Writers for the VPN families, so every scenario can be written as a VPN server's log. What
// each logs for one attempt line (IsAttemptLine), in the shapes of formats.md 5-8:
//
//   openvpn        RFC 3164 syslog "openvpn[pid]:", an auth-pam server: a refused password is
//                  the plugin's background line (PAM's "Authentication failure", or "User not
//                  known to the underlying authentication module" for a name that does not
//                  exist), its POST status, the plugin function's failure, the TLS Auth Error
//                  and AUTH_FAILED; a password login "authentication succeeded", Peer
//                  Connection Initiated (--username-as-common-name: the CN is the user), the
//                  pool address and MULTI: Learn; a key login is a certificate login (Peer
//                  Connection Initiated and MULTI: Learn only).
//   globalprotect  PAN-OS 10 GLOBALPROTECT CSV behind a syslog header: portal-auth failure
//                  ("Authentication failed: Invalid username or password", for a wrong
//                  password and an unknown name alike, as PAN-OS writes it), portal-auth
//                  success (LDAP), a key login a gateway-auth success with a certificate.
//   fortigate      FortiOS SSL-VPN key=value lines with <PRI>: ssl-login-fail
//                  (sslvpn_login_permission_denied, sslvpn_login_unknown_user), tunnel-up
//                  for a login (a key login: a certificate-only tunnel, "ssl-tunnel").
//   cisco-asa      the ASA's own syslog framing with "logging device-id": a refused password
//                  113015 (local database, "Invalid password" / "User was not found") and
//                  716039; a login 113012 (no address) and 716038; a key login an AnyConnect
//                  certificate session, 113039 only. Names are shown ("no logging hide
//                  username"): the ASA's default hides them on failures.
// The config host is the server (syslog host, devname, device name). Read back by the families
// of docs/vpn.md.
#ifndef SPRAYTRACE_SIMULATE_VPN_WRITERS_H_
#define SPRAYTRACE_SIMULATE_VPN_WRITERS_H_

#include <memory>

#include "simulate/log_formats.h"

namespace spraytrace::simulate {

std::unique_ptr<RecordWriter> MakeOpenVpnWriter(const WriterSetup& setup);
std::unique_ptr<RecordWriter> MakeGlobalProtectWriter(const WriterSetup& setup);
std::unique_ptr<RecordWriter> MakeFortigateWriter(const WriterSetup& setup);
std::unique_ptr<RecordWriter> MakeAsaWriter(const WriterSetup& setup);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_VPN_WRITERS_H_
