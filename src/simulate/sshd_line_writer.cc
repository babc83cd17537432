#include "simulate/sshd_line_writer.h"

#include <array>

#include "report/json_writer.h"

namespace spraytrace::simulate {
namespace {

constexpr Timestamp kSecond = kMicrosPerSecond;

Timestamp Seconds(Rng* rng, double lo, double hi) {
  return static_cast<Timestamp>(rng->Uniform(lo, hi) * static_cast<double>(kSecond));
}

class Expander {
 public:
  Expander(uint32_t conn, std::vector<LineRef>* lines) : conn_(conn), lines_(lines) {}
  void Emit(Timestamp time, LineKind kind) {
    lines_->push_back(LineRef{time, conn_, kind, seq_++});
  }

 private:
  uint32_t conn_;
  std::vector<LineRef>* lines_;
  uint8_t seq_ = 0;
};

// The guesses; returns the time of the last line written.
Timestamp ExpandGuesses(const Connection& c, bool exists, Rng* rng, Expander* out,
                        ConnectionTimes* times) {
  Timestamp t = c.start;
  times->first_attempt = times->last_attempt = c.start;
  if (!exists) {
    out->Emit(t, LineKind::kInvalidUser);
    t += c.human ? Seconds(rng, 0.5, 3) : Seconds(rng, 0.05, 0.6);
  }
  for (int i = 0; i < c.failures; ++i) {
    if (i > 0) t += c.human ? Seconds(rng, 2, 9) : Seconds(rng, 0.1, 0.8);
    if (!exists) out->Emit(t, LineKind::kCheckPassUnknown);
    if (i == 0) out->Emit(t, LineKind::kPamAuthFailure);
    t += Seconds(rng, 1.9, 2.4);  // pam_faildelay
    out->Emit(t, LineKind::kFailedPassword);
    times->last_attempt = i == 0 ? c.start : t;
  }
  return t;
}

void ExpandLogin(const Connection& c, Timestamp t, Rng* rng, Expander* out,
                 ConnectionTimes* times) {
  if (c.failures > 0) t += Seconds(rng, 2, 9);
  out->Emit(t, c.ending == Ending::kAcceptedPassword ? LineKind::kAcceptedPassword
                                                     : LineKind::kAcceptedPublicKey);
  out->Emit(t, LineKind::kSessionOpened);
  times->login = times->last_attempt = t;
  const Timestamp end =
      t + static_cast<Timestamp>(c.session_seconds) * kSecond + Seconds(rng, 0, 1);
  out->Emit(end, LineKind::kDisconnectByUser);
  out->Emit(end, LineKind::kDisconnectedUser);
  out->Emit(end, LineKind::kSessionClosed);
}

void ExpandPreauthEnding(const Connection& c, Timestamp t, Rng* rng, Expander* out) {
  t += c.human ? Seconds(rng, 0.3, 4) : Seconds(rng, 0.01, 0.3);
  switch (c.ending) {
    case Ending::kByeBye:
      out->Emit(t, LineKind::kByeByePreauth);
      out->Emit(t, LineKind::kDisconnectedPreauth);
      break;
    case Ending::kMaxAuth:
      out->Emit(t, LineKind::kMaxAuthExceeded);
      out->Emit(t, LineKind::kDisconnectingTooMany);
      break;
    default:
      out->Emit(t, LineKind::kClosedPreauth);
  }
  if (c.failures >= 2) out->Emit(t, LineKind::kPamMoreFailures);
  if (c.failures > 3) out->Emit(t, LineKind::kPamIgnoringMaxRetries);
}

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

ConnectionTimes ExpandConnection(const Connection& c, bool user_exists, uint32_t conn, Rng* rng,
                                 std::vector<LineRef>* lines) {
  Expander out(conn, lines);
  ConnectionTimes times;
  const Timestamp t = ExpandGuesses(c, user_exists, rng, &out, &times);
  if (IsLogin(c.ending)) {
    ExpandLogin(c, t, rng, &out, &times);
  } else {
    ExpandPreauthEnding(c, t, rng, &out);
  }
  return times;
}

SshdLineWriter::SshdLineWriter(LogFormat format, std::string host, const Population* population,
                               Timestamp boot, uint64_t boot_id_seed)
    : format_(format), host_(std::move(host)), population_(population), boot_(boot) {
  Rng rng(boot_id_seed);
  boot_id_ = fmt::format("{:016x}{:016x}", rng.Next(), rng.Next());
}

void SshdLineWriter::Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) {
  FormatMessage(line, c);
  if (format_ == LogFormat::kSshdSyslog) {
    AppendSyslog(line.time, c.pid, out);
  } else {
    AppendJournal(line.time, c.pid, out);
  }
}

void SshdLineWriter::AppendSyslog(Timestamp time, uint32_t pid, fmt::memory_buffer* out) {
  const int64_t second = time / kSecond;
  if (second != cached_second_) {
    cached_second_ = second;
    const CivilTime civil = ToCivil(second * kSecond);
    cached_prefix_ = fmt::format("{} {:2} {:02}:{:02}:{:02} {} sshd[", kMonths[civil.month - 1],
                                 civil.day, civil.hour, civil.minute, civil.second, host_);
  }
  out->append(cached_prefix_);
  fmt::format_to(std::back_inserter(*out), "{}]: ", pid);
  out->append(message_);
  out->push_back('\n');
}

void SshdLineWriter::AppendJournal(Timestamp time, uint32_t pid, fmt::memory_buffer* out) {
  escaped_.clear();
  report::AppendJsonEscaped(std::string_view(message_.data(), message_.size()), &escaped_);
  fmt::format_to(std::back_inserter(*out),
                 "{{\"__REALTIME_TIMESTAMP\":\"{}\",\"__MONOTONIC_TIMESTAMP\":\"{}\","
                 "\"_BOOT_ID\":\"{}\",\"_TRANSPORT\":\"syslog\",\"PRIORITY\":\"{}\","
                 "\"SYSLOG_FACILITY\":\"4\",\"SYSLOG_IDENTIFIER\":\"sshd\",\"SYSLOG_PID\":\"{}\","
                 "\"_PID\":\"{}\",\"_UID\":\"0\",\"_GID\":\"0\",\"_COMM\":\"sshd\","
                 "\"_SYSTEMD_UNIT\":\"ssh.service\",\"_HOSTNAME\":\"{}\",\"MESSAGE\":\"{}\"}}\n",
                 time, time - boot_, boot_id_, message_.size() > 6 && message_[0] == 'e' ? 3 : 6,
                 pid, pid, host_, escaped_);
}

void SshdLineWriter::FormatMessage(const LineRef& line, const Connection& c) {
  message_.clear();
  auto out = std::back_inserter(message_);
  const AccountTable& accounts = population_->accounts;
  const std::string_view user = accounts.name(c.account);
  const std::string_view ip = population_->addresses.text(c.address);
  const bool exists = accounts.exists(c.account);
  const std::string_view invalid = exists ? "" : "invalid user ";
  const std::string_view who = exists ? "authenticating user" : "invalid user";
  switch (line.kind) {
    case LineKind::kInvalidUser:
      fmt::format_to(out, "Invalid user {} from {} port {}", user, ip, c.port);
      break;
    case LineKind::kCheckPassUnknown:
      fmt::format_to(out, "pam_unix(sshd:auth): check pass; user unknown");
      break;
    case LineKind::kPamAuthFailure:
    case LineKind::kPamMoreFailures:
      if (line.kind == LineKind::kPamMoreFailures) {
        fmt::format_to(out, "PAM {} more authentication failures; ", c.failures - 1);
      } else {
        fmt::format_to(out, "pam_unix(sshd:auth): authentication failure; ");
      }
      fmt::format_to(out, "logname= uid=0 euid=0 tty=ssh ruser= rhost={}", ip);
      if (exists) fmt::format_to(out, "  user={}", user);
      break;
    case LineKind::kFailedPassword:
      fmt::format_to(out, "Failed password for {}{} from {} port {} ssh2", invalid, user, ip,
                     c.port);
      break;
    case LineKind::kAcceptedPassword:
      fmt::format_to(out, "Accepted password for {} from {} port {} ssh2", user, ip, c.port);
      break;
    case LineKind::kAcceptedPublicKey:
      fmt::format_to(out, "Accepted publickey for {} from {} port {} ssh2: {}", user, ip, c.port,
                     population_->key_fingerprints[c.key]);
      break;
    case LineKind::kSessionOpened:
      fmt::format_to(out, "pam_unix(sshd:session): session opened for user {}(uid={}) by (uid=0)",
                     user, accounts.uid(c.account));
      break;
    case LineKind::kDisconnectByUser:
      fmt::format_to(out, "Received disconnect from {} port {}:11: disconnected by user", ip,
                     c.port);
      break;
    case LineKind::kDisconnectedUser:
      fmt::format_to(out, "Disconnected from user {} {} port {}", user, ip, c.port);
      break;
    case LineKind::kSessionClosed:
      fmt::format_to(out, "pam_unix(sshd:session): session closed for user {}", user);
      break;
    case LineKind::kClosedPreauth:
      fmt::format_to(out, "Connection closed by {} {} {} port {} [preauth]", who, user, ip, c.port);
      break;
    case LineKind::kByeByePreauth:
      fmt::format_to(out, "Received disconnect from {} port {}:11: Bye Bye [preauth]", ip, c.port);
      break;
    case LineKind::kDisconnectedPreauth:
      fmt::format_to(out, "Disconnected from {} {} {} port {} [preauth]", who, user, ip, c.port);
      break;
    case LineKind::kMaxAuthExceeded:
      fmt::format_to(out,
                     "error: maximum authentication attempts exceeded for {}{} from {} port {} "
                     "ssh2 [preauth]",
                     invalid, user, ip, c.port);
      break;
    case LineKind::kDisconnectingTooMany:
      fmt::format_to(out,
                     "Disconnecting {} {} {} port {}: Too many authentication failures "
                     "[preauth]",
                     who, user, ip, c.port);
      break;
    case LineKind::kPamIgnoringMaxRetries:
      fmt::format_to(out, "PAM service(sshd) ignoring max retries; {} > 3", c.failures);
      break;
  }
}

}  // namespace spraytrace::simulate
