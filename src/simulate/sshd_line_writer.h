// From connections to log lines, as OpenSSH 9.x on Debian 12 writes them (LogLevel INFO,
// UsePAM yes, pam_faildelay 2 s). ExpandConnection() lays a connection out as timed line
// references; SshdLineWriter formats one reference as an RFC 3164 syslog line or as a
// `journalctl -o json` object. Lines of one connection, by kind:
//
//   Invalid user U from IP port P                         (only when U does not exist)
//   pam_unix(sshd:auth): check pass; user unknown          (before each guess, invalid U)
//   pam_unix(sshd:auth): authentication failure; ... rhost=IP[  user=U]   (first guess)
//   Failed password for [invalid user ]U from IP port P ssh2               (each guess)
//   then one ending: Accepted password|publickey + pam session opened ... Received disconnect
//   ...:11: disconnected by user + Disconnected from user U IP port P + session closed; or
//   Connection closed by [invalid|authenticating] user U IP port P [preauth]; or Received
//   disconnect ...:11: Bye Bye [preauth] + Disconnected from ... [preauth]; or error: maximum
//   authentication attempts exceeded ... + Disconnecting ...: Too many authentication failures
//   then, after two or more guesses: PAM N more authentication failures; ... (and "PAM
//   service(sshd) ignoring max retries; N > 3").
//
// Not thread-safe; the writer reuses its buffers.
#ifndef SPRAYTRACE_SIMULATE_SSHD_LINE_WRITER_H_
#define SPRAYTRACE_SIMULATE_SSHD_LINE_WRITER_H_

#include <fmt/format.h>

#include <cstdint>
#include <string>
#include <vector>

#include "simulate/connection.h"
#include "simulate/line_ref.h"
#include "simulate/population.h"
#include "simulate/record_writer.h"
#include "simulate/rng.h"
#include "simulate/simulation_config.h"

namespace spraytrace::simulate {

// When a connection's guesses happened, for the ground truth.
struct ConnectionTimes {
  Timestamp first_attempt = 0;
  Timestamp last_attempt = 0;
  Timestamp login = 0;  // the Accepted line, when the connection logs in
};

// Appends c's lines (with conn as their index) to *lines; jitter comes from rng.
ConnectionTimes ExpandConnection(const Connection& c, bool user_exists, uint32_t conn, Rng* rng,
                                 std::vector<LineRef>* lines);

class SshdLineWriter final : public RecordWriter {
 public:
  // REQUIRES: population outlives the writer. boot is the journal's boot time (monotonic 0).
  SshdLineWriter(LogFormat format, std::string host, const Population* population, Timestamp boot,
                 uint64_t boot_id_seed);

  // Appends the line (with its newline) to *out. REQUIRES: c.pid is set.
  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override;

 private:
  void FormatMessage(const LineRef& line, const Connection& c);
  void AppendSyslog(Timestamp time, uint32_t pid, fmt::memory_buffer* out);
  void AppendJournal(Timestamp time, uint32_t pid, fmt::memory_buffer* out);

  LogFormat format_;
  std::string host_;
  const Population* population_;
  Timestamp boot_;
  std::string boot_id_;
  fmt::memory_buffer message_;  // the MESSAGE of the current line
  std::string escaped_;
  int64_t cached_second_ = -1;  // syslog "Mmm dd hh:mm:ss HOST " for this second
  std::string cached_prefix_;
};

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_SSHD_LINE_WRITER_H_
