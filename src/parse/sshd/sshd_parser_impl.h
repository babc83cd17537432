// SshdParser::Impl: the connection table and the attempt-counting rules (docs/sshd.md). The
// rules, one handler per message family, are in sshd_attempt_rules.cc; the table, pending
// attempts and emission in sshd_parser.cc. Internal to parse/sshd.
#ifndef SPRAYTRACE_PARSE_SSHD_SSHD_PARSER_IMPL_H_
#define SPRAYTRACE_PARSE_SSHD_SSHD_PARSER_IMPL_H_

#include <climits>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/diagnostics.h"
#include "parse/sshd/sshd_connection.h"
#include "parse/sshd/sshd_parser.h"

namespace spraytrace::parse {

using sshd_detail::Attempt;
using sshd_detail::Connection;
using sshd_detail::ConnectionKey;
using sshd_detail::ConnectionKeyHash;
using sshd_detail::Line;
using sshd_detail::PendingKind;

class SshdParser::Impl {
 public:
  Impl(StringPool* strings, Diagnostics* diagnostics)
      : strings_(strings), diagnostics_(diagnostics) {}

  bool OnRecord(const SyslogRecord& record, std::string_view file_name, EventSink* sink);
  void Expire(Timestamp now, EventSink* sink);
  void Flush(EventSink* sink);

 private:
  Line Resolve(const SyslogRecord& record, const SshdMessage& message);
  Connection* Lookup(const Line& line, EventSink* sink);
  void Dispatch(Connection* c, const Line& line, EventSink* sink);
  void OnFailed(Connection* c, const Line& line, EventSink* sink);
  void OnKeyTry(Connection* c, const Line& line);
  void OnAccepted(Connection* c, const Line& line, EventSink* sink);
  void OnInvalidUser(Connection* c, const Line& line, EventSink* sink);
  void OnPamFailure(Connection* c, const Line& line, EventSink* sink);
  void OnPamError(Connection* c, const Line& line, EventSink* sink);
  void OnDisabled(Connection* c, const Line& line, EventSink* sink);
  void OnMaxAttempts(Connection* c, const Line& line, EventSink* sink);
  void OnTooMany(Connection* c, const Line& line, EventSink* sink);
  void OnChangeOfUser(Connection* c, const Line& line, EventSink* sink);
  void OnClosed(Connection* c, const Line& line, EventSink* sink);
  void OnReceivedDisconnect(Connection* c, const Line& line, EventSink* sink);

  Attempt MakeAttempt(const Connection& c, const Line& line, PendingKind kind, Reason reason,
                      AuthMethod method) const;
  void StartPending(Connection* c, const Line& line, PendingKind kind, Reason reason,
                    AuthMethod method);
  // Emits the pending attempt (citing `cite` when given) if it has a source; clears it.
  void EmitPending(Connection* c, const Line* cite, EventSink* sink);
  // A closing line: completes the pending attempt, with the line's source if it had none.
  void Close(Connection* c, const Line& line, EventSink* sink);
  void Emit(Connection* c, const Attempt& attempt, Outcome outcome, EventSink* sink);
  void EvictOldest(EventSink* sink);
  void FinalizeAll(const std::function<bool(const Connection&)>& pick, EventSink* sink);

  StringPool* strings_;
  Diagnostics* diagnostics_;
  std::unordered_map<ConnectionKey, Connection, ConnectionKeyHash> connections_;
  std::string canonical_;             // reused buffer for CanonicalUserName
  StringId last_target_ = kNoString;  // the host of the last line
  std::vector<std::pair<Timestamp, ConnectionKey>> scratch_;
  uint64_t seq_ = 0;
  Timestamp next_expire_scan_ = INT64_MIN;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_SSHD_SSHD_PARSER_IMPL_H_
