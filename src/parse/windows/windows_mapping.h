// WindowsEventMapper: one Windows Security event -> AuthEvent, shared by every rendering (EVTX,
// event XML, Winlogbeat, NXLog, python-evtx JSON), so a 4625 means the same whichever way it
// was exported. docs/windows.md is the reader's version of the rules below.
//
//   4625 logon failed        failure; reason from SubStatus (or Status when SubStatus is 0)
//   4624 logon succeeded     success, for LogonType 2, 3, 7, 8, 10, 11 only
//   4648 explicit creds      logged on the *attacking* host: an attempt whose verdict is not in
//                            the event (failure, Reason::kNone); source = that host
//   4768 Kerberos TGT        Status 0x0 success, else failure (0x6 unknown user, 0x18 bad ...)
//   4771 Kerberos pre-auth   failure (0x18 bad password, 0x12 revoked, 0x17 expired = correct)
//   4776 NTLM validation     Status 0x0 success, else failure; source is only the Workstation
// Every other event id is not an attempt (kIgnored), except Win32-OpenSSH's own log: event 4
// of the OpenSSH/Operational channel carries one sshd message (EventData `process` "sshd",
// `payload` the message, as in formats.md 1.7). Security's 4625 for an SSH logon has no address
// ('-'); that message does, so it goes to an SshdParser of its own, exactly as the same line in
// a syslog file would, with Computer as the target host.
//
// Source: IpAddress ("::ffff:a.b.c.d" becomes IPv4); "-", "", loopback and "::" mean none,
// and then the client's workstation name (WorkstationName / Workstation, upper-cased, first DNS
// label, leading "\\" dropped) becomes source_host, so detectors group such attempts by host.
// Account: TargetUserName as logged, canonical form lower-case without domain. Machine accounts
// ("NAME$") and service identities (SYSTEM, LOCAL/NETWORK SERVICE, ANONYMOUS LOGON, DWM-/UMFD-
// virtual accounts) are not people and never password-sprayed: their events are kIgnored.
// target_host is the Computer that logged the event (for 4648: TargetServerName).
//
// One guess against a domain account over NTLM is logged twice, 4625 (or 4624) on the machine
// and 4776 on the domain controller; when both are read, the second one seen within two seconds
// for the same account, workstation and result is dropped (an echo, see Deliver).
//
// Not thread-safe; one per input stream (it remembers recent NTLM results for the echo rule).
#ifndef SPRAYTRACE_PARSE_WINDOWS_WINDOWS_MAPPING_H_
#define SPRAYTRACE_PARSE_WINDOWS_WINDOWS_MAPPING_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/diagnostics.h"
#include "event/auth_event.h"
#include "event/string_pool.h"
#include "parse/event_sink.h"
#include "parse/family.h"
#include "parse/sshd/sshd_parser.h"
#include "parse/windows/windows_event.h"

namespace spraytrace::parse {

enum class MapStatus : uint8_t {
  kAttempt,  ///< *out is an authentication attempt
  kIgnored,  ///< a well-formed event that is not one (other event id, machine account, ...)
  kBad,      ///< an authentication event missing what it needs; *problem says what
};

class WindowsEventMapper {
 public:
  // REQUIRES: strings and diagnostics outlive the mapper.
  WindowsEventMapper(StringPool* strings, Diagnostics* diagnostics);

  // True for the event ids this mapper reads.
  static bool IsAuthenticationEvent(uint32_t event_id);

  // The mapping alone: fills *out (where left alone) or says why not.
  MapStatus Map(const WindowsEvent& event, AuthEvent* out, std::string_view* problem);

  // Map, then deliver: emits the attempt (unless it is an NTLM echo), reports a kBadRecord for
  // kBad. Returns kHandled or kBad; renderings pass it on as the record's status.
  RecordStatus Deliver(const WindowsEvent& event, const RecordContext& context, EventSink* sink);

  // Win32-OpenSSH messages are assembled into attempts across events, like sshd's lines: the
  // renderings pass time on and say when an input ends.
  void Expire(Timestamp now, EventSink* sink);
  void EndFile(EventSink* sink);

  uint64_t echoes_dropped() const { return echoes_dropped_; }

 private:
  MapStatus MapLogon(const WindowsEvent& event, bool success, AuthEvent* out,
                     std::string_view* problem);
  MapStatus MapExplicit(const WindowsEvent& event, AuthEvent* out, std::string_view* problem);
  MapStatus MapKerberos(const WindowsEvent& event, AuthEvent* out, std::string_view* problem);
  MapStatus MapNtlm(const WindowsEvent& event, AuthEvent* out, std::string_view* problem);
  // Sets user/user_canonical from TargetUserName; false for accounts that are not people.
  bool SetAccount(const WindowsEvent& event, AuthEvent* out);
  // IpAddress, else the workstation name.
  void SetSource(std::string_view ip, std::string_view workstation, AuthEvent* out);
  StringId InternHost(std::string_view name);
  bool IsEcho(const WindowsEvent& event, const AuthEvent& attempt);
  RecordStatus DeliverOpenSsh(const WindowsEvent& event, const RecordContext& context,
                              EventSink* sink);

  StringPool* strings_;
  Diagnostics* diagnostics_;
  std::string scratch_;

  // Echo rule state: recent NTLM results per (account, workstation, outcome and reason), each
  // remembered with the side that logged it (machine or domain controller). Bounded: entries
  // older than the echo window are dropped as time advances, and each key keeps at most a few.
  struct EchoKey {
    StringId account;
    StringId workstation;
    uint8_t result;
    bool operator==(const EchoKey&) const = default;
  };
  struct EchoKeyHash {
    size_t operator()(const EchoKey& k) const noexcept {
      return (static_cast<size_t>(k.account) * 0x9E3779B97F4A7C15ULL) ^
             (static_cast<size_t>(k.workstation) << 8) ^ k.result;
    }
  };
  struct EchoEntry {
    Timestamp time;
    bool on_domain_controller;
  };
  std::unordered_map<EchoKey, std::vector<EchoEntry>, EchoKeyHash> recent_;
  Timestamp latest_ = 0;
  Timestamp last_sweep_ = 0;
  uint64_t echoes_dropped_ = 0;
  std::unique_ptr<SshdParser> openssh_;  // made at the first OpenSSH/Operational message
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_WINDOWS_WINDOWS_MAPPING_H_
