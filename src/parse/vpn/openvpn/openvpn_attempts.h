// OpenVpnAttempts: joins the lines an OpenVPN server writes for one login into one AuthEvent.
//
// A refused password is up to five lines from one client ("IP:port"): the plugin's POST status,
// the plugin function's failure (or the --auth-user-pass-verify script's), the "TLS Auth Error"
// verdict and "SENT CONTROL [..]: 'AUTH_FAILED'"; the name tried is often on none of them but
// on the auth-pam plugin's background line, which names no client. A login is "username
// succeeded", "Peer Connection Initiated" and "MULTI: Learn". Counting lines would make up to
// five guesses of one. So lines from the same client address and port, on the same server,
// within kJoinWindow of the first, are one attempt while each kind of line (OpenVpnKind)
// appears once, their outcomes agree and their names agree (equal, or one unknown).
//
// Names: a failure's user is the one a "username 'U'" line of the connection gives (a
// deferred-authentication line), else the auth-pam plugin's "user 'U'" line from within the
// window (the newest one waiting; they are written just before the verdict). The common name
// ("[CN]", "CN/IP:port") is a certificate's, not the name typed: many servers give every user
// one client certificate, and a spray would look like one account. It names a login only when
// no password was checked (a certificate login: method publickey, nothing guessable).
//
// A success whose prefix already has a common name ("CN/IP:port ... authentication
// succeeded") is a renegotiation of a tunnel that is up, not a new login: no event. "MULTI:
// Learn" only joins a login that is open. A deferred name with no verdict in the window (the
// log does not show the deferred result) is no event. Attempts are emitted once their window
// has passed (as lines arrive and on Expire()) or at Flush(), in time order. Bounded: at most
// kMaxOpen open attempts and kMaxPamUsers waiting names; past that the oldest go first.
// Not thread-safe.
#ifndef SPRAYTRACE_PARSE_VPN_OPENVPN_OPENVPN_ATTEMPTS_H_
#define SPRAYTRACE_PARSE_VPN_OPENVPN_OPENVPN_ATTEMPTS_H_

#include <deque>
#include <unordered_map>
#include <vector>

#include "common/diagnostics.h"
#include "common/duration.h"
#include "parse/family.h"
#include "parse/vpn/openvpn/openvpn_message.h"
#include "parse/vpn/vpn_fields.h"

namespace spraytrace::parse::vpn {

// OpenVPN and PAM words for why a password was refused (kOther when they say nothing known).
Reason OpenVpnReason(std::string_view text);

class OpenVpnAttempts {
 public:
  // The verdict lines of a refused login come within a second or two; a client that retries
  // at once after AUTH_FAILED opens a new connection (a new port), or repeats a kind of line.
  static constexpr Micros kJoinWindow = 10 * kMicrosPerSecond;
  static constexpr size_t kMaxOpen = 8192;
  static constexpr size_t kMaxPamUsers = 64;
  // Failures without a name a later auth-pam line may still name (newest kept).
  static constexpr size_t kMaxNameless = 64;

  // REQUIRES: strings and diagnostics outlive this object.
  OpenVpnAttempts(StringPool* strings, Diagnostics* diagnostics);

  // One login line at `time` from the server `host`. kBad (reported) when its client address
  // is unreadable.
  RecordStatus Add(const OpenVpnMessage& message, Timestamp time, std::string_view host,
                   const RecordContext& context, EventSink* sink);
  void Expire(Timestamp now, EventSink* sink);
  void Flush(EventSink* sink);

 private:
  struct Open {
    AuthEvent event;
    uint16_t port = 0;
    bool has_outcome = false;
    uint32_t kinds = 0;  // bit per OpenVpnKind
    bool password_checked = false;
    StringId common_name = kNoString;  // a success's certificate name
    StringId common_canonical = kNoString;
  };
  // An auth-pam background line waiting for its connection's verdict.
  struct PamUser {
    Timestamp time = 0;
    StringId user = kNoString;
    StringId user_canonical = kNoString;
    StringId target_host = kNoString;
    Reason reason = Reason::kOther;
  };

  // Where a nameless failure is: its client and start (an index would move on erase).
  struct NamelessRef {
    IpAddress ip;
    uint16_t port = 0;
    Timestamp time = 0;
  };

  bool Joinable(const Open& open, const OpenVpnMessage& message, const AuthEvent& probe,
                bool has_outcome) const;
  void Join(const OpenVpnMessage& message, const AuthEvent& probe, bool has_outcome, Open* open);
  bool TakePamUser(Open* open);
  void GivePamUser(const PamUser& pam);
  void EmitBefore(Timestamp limit, EventSink* sink);
  void Sweep(Timestamp now, EventSink* sink);

  VpnEvents events_;
  Diagnostics* diagnostics_;
  std::unordered_map<IpAddress, std::vector<Open>, IpAddressHash> open_;
  size_t open_count_ = 0;
  std::deque<PamUser> pam_users_;
  std::deque<NamelessRef> nameless_;
  std::vector<AuthEvent> ready_;
  Timestamp next_sweep_ = INT64_MIN;
};

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_OPENVPN_OPENVPN_ATTEMPTS_H_
