#include "parse/windows/windows_mapping.h"

#include <algorithm>
#include <array>
#include <optional>

#include "event/ip_address.h"
#include "event/user_name.h"
#include "parse/windows/windows_codes.h"

namespace spraytrace::parse {
namespace {

constexpr Micros kEchoWindow = 2 * kMicrosPerSecond;
constexpr size_t kMaxEchoesPerKey = 16;

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Windows writes "-" for "no value"; JSON renderings may write null, which arrives as "".
bool IsAbsent(std::string_view value) {
  value = Trim(value);
  return value.empty() || value == "-";
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) {
             return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
           };
           return lower(x) == lower(y);
         });
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Identities that are not people: a spray never guesses their passwords, and their logons
// (thousands a day on a domain controller) would only fill the login memory.
bool IsServiceIdentity(std::string_view user, std::string_view sid) {
  constexpr std::array kSids = {std::string_view("S-1-5-18"), std::string_view("S-1-5-19"),
                                std::string_view("S-1-5-20"), std::string_view("S-1-5-7")};
  for (std::string_view s : kSids) {
    if (sid == s) return true;
  }
  // Window Manager (DWM-n) and Font Driver Host (UMFD-n) virtual accounts.
  if (StartsWith(sid, "S-1-5-90-") || StartsWith(sid, "S-1-5-96-")) return true;
  constexpr std::array kNames = {std::string_view("ANONYMOUS LOGON"), std::string_view("SYSTEM"),
                                 std::string_view("LOCAL SERVICE"),
                                 std::string_view("NETWORK SERVICE")};
  for (std::string_view n : kNames) {
    if (EqualsIgnoreCase(user, n)) return true;
  }
  return false;
}

bool IsMachineAccount(std::string_view user) { return !user.empty() && user.back() == '$'; }

// LogonTypes that stand for a person's credential being checked: interactive, network, unlock,
// network cleartext (IIS basic, Win32-OpenSSH), remote interactive (RDP), cached interactive.
// Batch (4), service (5), NewCredentials (9: runas /netonly checks nothing) are not.
bool IsAttemptLogonType(std::string_view type) {
  type = Trim(type);
  return type == "2" || type == "3" || type == "7" || type == "8" || type == "10" || type == "11";
}

std::optional<IpAddress> UsableAddress(std::string_view text) {
  text = Trim(text);
  if (IsAbsent(text)) return std::nullopt;
  std::optional<IpAddress> ip = IpAddress::Parse(text);
  if (!ip) return std::nullopt;
  // Loopback and :: are the machine itself: the source is its own name, not an address.
  if (*ip == IpAddress()) return std::nullopt;
  if (ip->is_v4() && (ip->v4() >> 24) == 127) return std::nullopt;
  static const IpAddress kIpv6Loopback = *IpAddress::Parse("::1");
  if (*ip == kIpv6Loopback) return std::nullopt;
  return ip;
}

// Kerberos PreAuthType: 2 encrypted timestamp (password), 138 FAST (password, armoured),
// 15/16/17 PKINIT (certificate or smart card), 0 none (the KDC checked no secret).
AuthMethod KerberosMethod(std::string_view pre_auth_type) {
  pre_auth_type = Trim(pre_auth_type);
  if (pre_auth_type == "15" || pre_auth_type == "16" || pre_auth_type == "17") {
    return AuthMethod::kPublicKey;
  }
  return AuthMethod::kPassword;
}

}  // namespace

WindowsEventMapper::WindowsEventMapper(StringPool* strings, Diagnostics* diagnostics)
    : strings_(strings), diagnostics_(diagnostics) {}

bool WindowsEventMapper::IsAuthenticationEvent(uint32_t event_id) {
  return event_id == 4624 || event_id == 4625 || event_id == 4648 || event_id == 4768 ||
         event_id == 4771 || event_id == 4776;
}

MapStatus WindowsEventMapper::Map(const WindowsEvent& event, AuthEvent* out,
                                  std::string_view* problem) {
  if (!IsAuthenticationEvent(event.event_id)) return MapStatus::kIgnored;
  if (!event.has_time) {
    *problem = "no usable TimeCreated/@timestamp";
    return MapStatus::kBad;
  }
  const EvidenceLocation where = out->where;
  *out = AuthEvent();
  out->where = where;
  out->time = event.time;
  out->service = Service::kWindows;
  out->method = AuthMethod::kPassword;
  if (!IsAbsent(event.computer)) out->target_host = strings_->Intern(Trim(event.computer));
  switch (event.event_id) {
    case 4625:
      return MapLogon(event, false, out, problem);
    case 4624:
      return MapLogon(event, true, out, problem);
    case 4648:
      return MapExplicit(event, out, problem);
    case 4768:
    case 4771:
      return MapKerberos(event, out, problem);
    default:
      return MapNtlm(event, out, problem);
  }
}

MapStatus WindowsEventMapper::MapLogon(const WindowsEvent& event, bool success, AuthEvent* out,
                                       std::string_view* /*problem*/) {
  const std::string_view logon_type = event.Get("LogonType");
  if (success && !IsAttemptLogonType(logon_type)) return MapStatus::kIgnored;
  if (!SetAccount(event, out)) return MapStatus::kIgnored;
  if (success) {
    out->outcome = Outcome::kSuccess;
  } else {
    const uint32_t status = LogonFailureStatus(ParseStatusCode(event.Get("Status")),
                                               ParseStatusCode(event.Get("SubStatus")));
    out->outcome = Outcome::kFailure;
    out->reason = NtStatusMeaning(status).reason;
    if (NtStatusMeaning(status).outcome == Outcome::kSuccess) out->reason = Reason::kOther;
  }
  const std::string_view package = Trim(event.Get("AuthenticationPackageName"));
  if (!IsAbsent(package)) out->client = strings_->Intern(package);
  // A network logon with a Kerberos service ticket proves a ticket, not a typed password.
  if (Trim(logon_type) == "3" && EqualsIgnoreCase(package, "Kerberos")) {
    out->method = AuthMethod::kGssapi;
  }
  SetSource(event.Get("IpAddress"), event.Get("WorkstationName"), out);
  return MapStatus::kAttempt;
}

MapStatus WindowsEventMapper::MapExplicit(const WindowsEvent& event, AuthEvent* out,
                                          std::string_view* /*problem*/) {
  // Who used the credential: services and the machine itself do so all day (scheduled tasks,
  // winlogon at every interactive logon); a person's process doing it across many accounts is
  // what a spray from a compromised host looks like.
  const std::string_view subject = Trim(event.Get("SubjectUserName"));
  if (IsMachineAccount(subject) || IsServiceIdentity(subject, Trim(event.Get("SubjectUserSid")))) {
    return MapStatus::kIgnored;
  }
  const std::string_view server = Trim(event.Get("TargetServerName"));
  if (EqualsIgnoreCase(server, "localhost") || server == "127.0.0.1" || server == "::1") {
    return MapStatus::kIgnored;  // runas / UAC prompts on the machine itself
  }
  if (!SetAccount(event, out)) return MapStatus::kIgnored;
  out->outcome = Outcome::kFailure;  // the verdict is logged elsewhere, if at all
  out->reason = Reason::kNone;
  // The logging host is the source; what it connected to is the target.
  out->source_host = InternHost(event.computer);
  if (!IsAbsent(server)) {
    out->target_host = strings_->Intern(server);
  } else if (const std::string_view ip = Trim(event.Get("IpAddress")); !IsAbsent(ip)) {
    out->target_host = strings_->Intern(ip);
  }
  const std::string_view process = Trim(event.Get("ProcessName"));
  if (!IsAbsent(process)) out->client = strings_->Intern(process);
  return MapStatus::kAttempt;
}

MapStatus WindowsEventMapper::MapKerberos(const WindowsEvent& event, AuthEvent* out,
                                          std::string_view* problem) {
  const std::optional<uint32_t> status = ParseStatusCode(event.Get("Status"));
  if (!status) {
    *problem = "Kerberos event without a readable Status";
    return MapStatus::kBad;
  }
  const CodeMeaning meaning = KerberosMeaning(*status);
  if (meaning.not_an_attempt) return MapStatus::kIgnored;
  // 4771 is logged for failures only; a 0x0 there would be a malformed record, read as a failure.
  const bool success = event.event_id == 4768 && meaning.outcome == Outcome::kSuccess;
  const std::string_view pre_auth = event.Get("PreAuthType");
  // A TGT handed out without pre-authentication (PreAuthType 0: "Do not require Kerberos
  // preauthentication", the AS-REP roasting setting) proves no secret: not a login.
  if (success && Trim(pre_auth) == "0") return MapStatus::kIgnored;
  if (!SetAccount(event, out)) return MapStatus::kIgnored;
  out->outcome = success ? Outcome::kSuccess : Outcome::kFailure;
  out->reason = success ? Reason::kNone : meaning.reason;
  if (success && meaning.outcome != Outcome::kSuccess) out->reason = Reason::kOther;
  if (event.event_id == 4771 && meaning.outcome == Outcome::kSuccess) out->reason = Reason::kOther;
  out->method = KerberosMethod(pre_auth);
  out->client = strings_->Intern("Kerberos");
  SetSource(event.Get("IpAddress"), {}, out);
  return MapStatus::kAttempt;
}

MapStatus WindowsEventMapper::MapNtlm(const WindowsEvent& event, AuthEvent* out,
                                      std::string_view* problem) {
  const std::optional<uint32_t> status = ParseStatusCode(event.Get("Status"));
  if (!status) {
    *problem = "4776 without a readable Status";
    return MapStatus::kBad;
  }
  if (!SetAccount(event, out)) return MapStatus::kIgnored;
  const CodeMeaning meaning = NtStatusMeaning(*status);
  out->outcome = meaning.outcome;
  out->reason = meaning.outcome == Outcome::kSuccess ? Reason::kNone : meaning.reason;
  out->client = strings_->Intern("NTLM");
  SetSource({}, event.Get("Workstation"), out);
  return MapStatus::kAttempt;
}

bool WindowsEventMapper::SetAccount(const WindowsEvent& event, AuthEvent* out) {
  const std::string_view user = Trim(event.Get("TargetUserName"));
  std::string_view sid = Trim(event.Get("TargetUserSid"));
  if (sid.empty()) sid = Trim(event.Get("TargetSid"));
  if (IsMachineAccount(user) || IsServiceIdentity(user, sid)) return false;
  if (IsAbsent(user)) return true;  // an attempt without a name is still an attempt
  out->user = strings_->Intern(user);
  CanonicalUserName(user, UserCase::kInsensitive, &scratch_);
  if (!scratch_.empty()) out->user_canonical = strings_->Intern(scratch_);
  return true;
}

void WindowsEventMapper::SetSource(std::string_view ip, std::string_view workstation,
                                   AuthEvent* out) {
  if (const std::optional<IpAddress> address = UsableAddress(ip)) {
    out->source_ip = *address;
    out->has_source_ip = true;
    return;
  }
  // Some exports put an address where the workstation name goes.
  if (const std::optional<IpAddress> address = UsableAddress(workstation)) {
    out->source_ip = *address;
    out->has_source_ip = true;
    return;
  }
  out->source_host = InternHost(workstation);
}

StringId WindowsEventMapper::InternHost(std::string_view name) {
  name = Trim(name);
  while (!name.empty() && name.front() == '\\') name.remove_prefix(1);
  if (IsAbsent(name)) return kNoString;
  // NetBIOS names (WorkstationName) and DNS names (Computer) of one host meet at the first label.
  if (!IpAddress::Parse(name)) name = name.substr(0, name.find('.'));
  scratch_.assign(name);
  for (char& c : scratch_) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return scratch_.empty() ? kNoString : strings_->Intern(scratch_);
}

bool WindowsEventMapper::IsEcho(const WindowsEvent& event, const AuthEvent& attempt) {
  const bool on_dc = event.event_id == 4776;
  if (!on_dc && event.event_id != 4625 && event.event_id != 4624) return false;
  const StringId workstation = InternHost(event.Get(on_dc ? "Workstation" : "WorkstationName"));
  const StringId account = attempt.user_canonical;
  if (workstation == kNoString || account == kNoString) return false;
  latest_ = std::max(latest_, attempt.time);
  if (latest_ - last_sweep_ > 60 * kMicrosPerSecond) {  // forget what can no longer match
    std::erase_if(recent_, [&](const auto& entry) {
      return entry.second.empty() || entry.second.back().time < latest_ - kEchoWindow;
    });
    last_sweep_ = latest_;
  }
  const EchoKey key{account, workstation,
                    static_cast<uint8_t>(static_cast<uint8_t>(attempt.outcome) * 16 +
                                         static_cast<uint8_t>(attempt.reason))};
  std::vector<EchoEntry>& entries = recent_[key];
  for (auto it = entries.begin(); it != entries.end(); ++it) {
    const Micros gap = it->time > attempt.time ? it->time - attempt.time : attempt.time - it->time;
    if (it->on_domain_controller != on_dc && gap <= kEchoWindow) {
      entries.erase(it);
      return true;
    }
  }
  if (entries.size() >= kMaxEchoesPerKey) entries.erase(entries.begin());
  entries.push_back(EchoEntry{attempt.time, on_dc});
  return false;
}

namespace {

constexpr uint32_t kOpenSshOperationalEvent = 4;

bool IsOpenSshMessage(const WindowsEvent& event) {
  return event.event_id == kOpenSshOperationalEvent &&
         SshdParser::HandlesProgram(event.Get("process")) && !event.Get("payload").empty();
}

// Win32-OpenSSH writes no pid, and sshd's parser treats a line without one as a connection of
// its own, so one guess ("Invalid user" then "Failed password") would count twice. Each
// connection is its own sshd process with its own client port, and every message of it names
// that port after the address ("... from 10.23.23.9 port 60096 ssh2"): the last " port N" stands
// in for the pid. The last, because a username may itself contain " port 5".
int64_t ConnectionPort(std::string_view message) {
  constexpr std::string_view kPort = " port ";
  size_t at = message.rfind(kPort);
  while (at != std::string_view::npos) {
    const size_t digits = at + kPort.size();
    int64_t port = 0;
    size_t end = digits;
    while (end < message.size() && end - digits < 5 && message[end] >= '0' && message[end] <= '9') {
      port = port * 10 + (message[end] - '0');
      ++end;
    }
    const bool delimited = end == message.size() || message[end] == ' ' || message[end] == ':';
    if (end > digits && delimited && port <= 65535) return port;
    if (at == 0) break;
    at = message.rfind(kPort, at - 1);
  }
  return -1;
}

}  // namespace

RecordStatus WindowsEventMapper::DeliverOpenSsh(const WindowsEvent& event,
                                                const RecordContext& context, EventSink* sink) {
  if (!event.has_time) {
    diagnostics_->Report(DiagnosticKind::kBadRecord, context.file_name, context.where.line,
                         "OpenSSH/Operational event without a time");
    return RecordStatus::kBad;
  }
  if (openssh_ == nullptr) openssh_ = std::make_unique<SshdParser>(strings_, diagnostics_);
  SyslogRecord record;
  record.time = event.time;
  record.host = event.computer;
  record.program = event.Get("process");
  record.message = event.Get("payload");
  record.pid = ConnectionPort(record.message);
  record.where = context.where;
  // A message sshd's parser does not classify (key exchange chatter) is still a well-formed
  // event of this log, not a bad record.
  openssh_->OnRecord(record, context.file_name, sink);
  return RecordStatus::kHandled;
}

void WindowsEventMapper::Expire(Timestamp now, EventSink* sink) {
  if (openssh_ != nullptr) openssh_->Expire(now, sink);
}

void WindowsEventMapper::EndFile(EventSink* sink) {
  if (openssh_ != nullptr) openssh_->Flush(sink);
}

RecordStatus WindowsEventMapper::Deliver(const WindowsEvent& event, const RecordContext& context,
                                         EventSink* sink) {
  if (IsOpenSshMessage(event)) return DeliverOpenSsh(event, context, sink);
  AuthEvent attempt;
  attempt.where = context.where;
  std::string_view problem;
  switch (Map(event, &attempt, &problem)) {
    case MapStatus::kIgnored:
      return RecordStatus::kHandled;
    case MapStatus::kBad:
      diagnostics_->Report(DiagnosticKind::kBadRecord, context.file_name, context.where.line,
                           problem);
      return RecordStatus::kBad;
    case MapStatus::kAttempt:
      break;
  }
  if (IsEcho(event, attempt)) {
    ++echoes_dropped_;
    return RecordStatus::kHandled;
  }
  sink->OnEvent(attempt);
  return RecordStatus::kHandled;
}

}  // namespace spraytrace::parse
