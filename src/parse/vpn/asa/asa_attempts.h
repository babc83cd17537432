// AsaAttempts: joins the messages a Cisco ASA writes for one login into one AuthEvent.
//
// One guess is several lines: an SSH management login that fails writes 113015 (the local
// database's verdict), 611102 and 605004; a WebVPN or AnyConnect login that fails writes 113005
// (the AAA server's verdict) and 716039; a success writes 113004/113012, 716038, 113039 and
// 722051. Counting lines would make three guesses of one, and a brute-force threshold of five
// would fire on two. So messages from the same client address, with the same outcome, on the
// same device, within kJoinWindow of the first, join one attempt when their group (AsaGroup) is
// not in it yet and their users agree (the same canonical name, or either one hidden as
// "*****"). Several attempts from one address may be open at once (parallel logins).
//
// Messages without a client address (113004, 113012, and 113005/113015 before ASA 9.x) lend
// their user and reason to the next attempt from any address within the window (they are
// written just before its other lines). Left over, a failure is an attempt without a source
// and reported as kBadRecord; a success is a console or enable login, not a network one, and
// is dropped.
//
// An attempt is emitted once the window has passed (checked as records arrive and on
// Expire()), or at Flush(), in time order. Method: password when an AAA, management or WebVPN
// message is in it; public key (no password checked by the ASA: a certificate or SAML login)
// when it is only AnyConnect session messages. Reason: the AAA reason's words, else kOther.
// Bounded: at most kMaxOpen open attempts and kMaxDonors address-less messages; past that the
// oldest are emitted early. Not thread-safe.
#ifndef SPRAYTRACE_PARSE_VPN_ASA_ASA_ATTEMPTS_H_
#define SPRAYTRACE_PARSE_VPN_ASA_ASA_ATTEMPTS_H_

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/diagnostics.h"
#include "common/duration.h"
#include "parse/family.h"
#include "parse/vpn/asa/asa_message.h"
#include "parse/vpn/vpn_fields.h"

namespace spraytrace::parse::vpn {

class AsaAttempts {
 public:
  static constexpr Micros kJoinWindow = 5 * kMicrosPerSecond;
  static constexpr size_t kMaxOpen = 8192;
  static constexpr size_t kMaxDonors = 64;

  // REQUIRES: strings and diagnostics outlive this object.
  AsaAttempts(StringPool* strings, Diagnostics* diagnostics);

  // One login message at `time` from the device `host`. kBad (reported) when its client address
  // is unreadable.
  RecordStatus Add(const AsaMessage& message, Timestamp time, std::string_view host,
                   const RecordContext& context, EventSink* sink);
  // Emits the attempts whose window closed before `now`.
  void Expire(Timestamp now, EventSink* sink);
  // Emits everything (end of an input).
  void Flush(EventSink* sink);

 private:
  struct Open {
    AuthEvent event;
    uint32_t groups = 0;  // bit per AsaGroup
    bool password_checked = false;
    int client_rank = 0;
  };
  // An address-less AAA verdict waiting for the rest of its login.
  struct Donor {
    Timestamp time = 0;
    Outcome outcome = Outcome::kFailure;
    StringId user = kNoString;
    StringId user_canonical = kNoString;
    StringId target_host = kNoString;
    Reason reason = Reason::kOther;
    uint64_t line = 0;
    std::string file;
    std::string detail;
  };

  bool Joinable(const Open& open, const AsaMessage& message, const AuthEvent& probe) const;
  void Join(const AsaMessage& message, const AuthEvent& probe, Open* open);
  void TakeDonor(Open* open);
  void AddDonor(const AsaMessage& message, const AuthEvent& probe, const RecordContext& context);
  void RetireDonor(const Donor& donor);
  // Emits open attempts that started before `limit` (all with limit = INT64_MAX).
  void EmitBefore(Timestamp limit, EventSink* sink);
  void Sweep(Timestamp now, EventSink* sink);

  VpnEvents events_;
  Diagnostics* diagnostics_;
  std::unordered_map<IpAddress, std::vector<Open>, IpAddressHash> open_;
  size_t open_count_ = 0;
  std::deque<Donor> donors_;
  std::vector<AuthEvent> ready_;
  Timestamp next_sweep_ = INT64_MIN;
};

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_ASA_ASA_ATTEMPTS_H_
