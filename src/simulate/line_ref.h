// LineRef: one line the simulator will write, as a reference into the day's connections
// (what it says, when, and for which connection), before any family formats it.
#ifndef SPRAYTRACE_SIMULATE_LINE_REF_H_
#define SPRAYTRACE_SIMULATE_LINE_REF_H_

#include <cstdint>

#include "event/timestamp.h"

namespace spraytrace::simulate {

enum class LineKind : uint8_t {
  kInvalidUser,
  kCheckPassUnknown,
  kPamAuthFailure,
  kFailedPassword,
  kAcceptedPassword,
  kAcceptedPublicKey,
  kSessionOpened,
  kDisconnectByUser,
  kDisconnectedUser,
  kSessionClosed,
  kClosedPreauth,
  kByeByePreauth,
  kDisconnectedPreauth,
  kMaxAuthExceeded,
  kDisconnectingTooMany,
  kPamMoreFailures,
  kPamIgnoringMaxRetries,
};

// One line to write: its time, its connection (an index into the day's connections) and what
// it says. Sorting by (time, conn, seq) gives the file's order.
struct LineRef {
  Timestamp time = 0;
  uint32_t conn = 0;
  LineKind kind = LineKind::kInvalidUser;
  uint8_t seq = 0;  // position within the connection

  bool operator<(const LineRef& o) const {
    if (time != o.time) return time < o.time;
    if (conn != o.conn) return conn < o.conn;
    return seq < o.seq;
  }
};

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_LINE_REF_H_
