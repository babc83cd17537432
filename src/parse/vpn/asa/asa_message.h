// AsaMessage: the fields of one Cisco ASA (or Firepower Threat Defense) syslog message that
// the ASA family reads, as views into the message (Cisco ASA Series Syslog Messages;
// formats.md 6). Pure functions, no allocation.
//
//   %ASA-6-113005: AAA user authentication Rejected : reason = Invalid password : server =
//                  192.0.2.254 : user = admin : user IP = 198.51.100.5
//   %ASA-6-611102: User authentication failed: IP address: 198.51.100.5, Uname: *****
//   %ASA-6-605004: Login denied from 198.51.100.5/2432 to inside:192.0.2.1/ssh for user "*****"
//   %ASA-6-716039: Group <DfltGrpPolicy> User <bob> IP <198.51.100.5> Authentication: rejected,
//                  Session Type: WebVPN.
//
// One login writes several of these (an AAA verdict, then the management or WebVPN line); the
// parser (asa_attempts.h) joins them into one attempt by their group.
#ifndef SPRAYTRACE_PARSE_VPN_ASA_ASA_MESSAGE_H_
#define SPRAYTRACE_PARSE_VPN_ASA_ASA_MESSAGE_H_

#include <cstdint>
#include <string_view>

#include "event/auth_event.h"

namespace spraytrace::parse::vpn {

// Which step of a login a message reports. One attempt has at most one message of each group.
enum class AsaGroup : uint8_t {
  kAaa,                ///< 113004 / 113005 / 113012 / 113015: the AAA server's or local verdict
  kManagementAuth,     ///< 611101 / 611102: authentication for management access
  kManagementLogin,    ///< 605004 / 605005: SSH, Telnet or HTTPS management login
  kWebvpn,             ///< 716038 / 716039: WebVPN (clientless, AnyConnect) or ASDM login
  kAnyConnectParent,   ///< 113039: AnyConnect parent session started
  kAnyConnectAddress,  ///< 722051: address assigned to an AnyConnect session
};

struct AsaMessage {
  int id = 0;
  AsaGroup group = AsaGroup::kAaa;
  Outcome outcome = Outcome::kFailure;
  std::string_view user;     // as logged; "*****" when the ASA hides names (its default)
  std::string_view address;  // the client; empty when the message has none (113004, 113012,
                             // 113015 before ASA 9.x)
  std::string_view reason;   // AAA "reason = ..." text, empty when none
  std::string_view client;   // "ssh", "https", "WebVPN", "Admin", "AnyConnect", "management"
};

enum class AsaParse : uint8_t {
  kNotAttempt,  ///< an ASA message that is no login (traffic, accounting, unknown ids)
  kAttempt,     ///< *message filled
  kMalformed,   ///< a login message id whose text lacks a field it must have (a cut line)
};

// "%ASA-6-113005" (also %FTD-, %PIX-, %FWSM-) into the message id 113005; false for anything
// else.
bool ParseAsaTag(std::string_view tag, int* id);

// The tag at the start of text ("%ASA-6-113005: rest"): its id and the text after ": ".
bool SplitAsaTag(std::string_view text, int* id, std::string_view* rest);

// Reads the text of message `id` (after "%ASA-6-113005: ").
AsaParse ParseAsaMessage(int id, std::string_view text, AsaMessage* message);

}  // namespace spraytrace::parse::vpn

#endif  // SPRAYTRACE_PARSE_VPN_ASA_ASA_MESSAGE_H_
