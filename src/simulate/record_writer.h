// RecordWriter: turns the simulator's timed line references into one log family's records.
//
// The simulator models sshd connections (simulate/connection.h) and lays each out as LineRefs
// (ExpandConnection). A writer formats each reference as its family logs it. Families that log
// one record per authentication attempt (Entra sign-ins, Windows 4625/4624, VPN login events)
// write the attempt kinds (see IsAttemptLine) and nothing for the others, so every scenario can
// be written in every supported format with the same ground truth.
//
// Not thread-safe; writers reuse their buffers.
#ifndef SPRAYTRACE_SIMULATE_RECORD_WRITER_H_
#define SPRAYTRACE_SIMULATE_RECORD_WRITER_H_

#include <fmt/format.h>

#include "simulate/connection.h"
#include "simulate/line_ref.h"

namespace spraytrace::simulate {

// The references that stand for one password guess or login in families that log one record
// per attempt: each failed guess, and the login that ends a connection.
constexpr bool IsAttemptLine(LineKind kind) {
  return kind == LineKind::kFailedPassword || kind == LineKind::kAcceptedPassword ||
         kind == LineKind::kAcceptedPublicKey;
}

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // Before the first record: a document's opening ({"value":[), a CSV header. Default: nothing.
  virtual void Begin(fmt::memory_buffer* /*out*/) {}
  // Appends what the family logs for `line` of connection c (possibly nothing).
  virtual void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) = 0;
  // After the last record: a document's closing. Default: nothing.
  virtual void End(fmt::memory_buffer* /*out*/) {}
};

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_RECORD_WRITER_H_
