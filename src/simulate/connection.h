// Connection: one simulated sshd connection (one sshd process), the unit every traffic
// generator produces. SshdLineWriter expands it into the lines OpenSSH 9.x on Debian 12 writes.
//
// Attempts on a connection: `failures` wrong passwords, then either a login (kAccepted*) or the
// end named by `ending`. A connection with no failure and no login is a client that gave up at
// the prompt (sshd logs only its closing line). Plain value type.
#ifndef SPRAYTRACE_SIMULATE_CONNECTION_H_
#define SPRAYTRACE_SIMULATE_CONNECTION_H_

#include <cstdint>

#include "event/timestamp.h"

namespace spraytrace::simulate {

enum class Ending : uint8_t {
  kAcceptedPassword,   ///< login with a password, then a session
  kAcceptedPublicKey,  ///< login with a key, then a session
  kClosed,             ///< client dropped TCP: "Connection closed by ... [preauth]"
  kByeBye,             ///< client sent disconnect: "Received disconnect ...:11: Bye Bye"
  kMaxAuth,            ///< server hit MaxAuthTries: "maximum authentication attempts exceeded"
};

constexpr bool IsLogin(Ending e) {
  return e == Ending::kAcceptedPassword || e == Ending::kAcceptedPublicKey;
}

constexpr int16_t kBenign = -1;

struct Connection {
  Timestamp start = 0;           // the first line
  uint32_t address = 0;          // AddressBook id
  uint32_t account = 0;          // AccountTable id (the name sent; may not exist)
  uint32_t key = 0;              // key fingerprint id, for kAcceptedPublicKey
  uint32_t pid = 0;              // 0 until the writer assigns one (in time order)
  uint32_t session_seconds = 0;  // after a login
  uint16_t port = 0;
  uint8_t failures = 0;  // "Failed password" lines
  bool human = true;     // typing pauses between tries (else a bot's)
  Ending ending = Ending::kClosed;
  int16_t scenario = kBenign;  // index of the truth scenario, or kBenign
  bool compromise = false;     // this login is the attacker's first success on the account
};

// One simulated day: its 0-based index, its midnight (UTC) and whether it is a weekend.
struct Day {
  int64_t index = 0;
  Timestamp start = 0;
  bool weekend = false;
};

// The password guesses a parser counts for the connection (one per Failed line, one for a
// password login, one for a client that gave up before any verdict).
constexpr uint32_t AttemptsOf(const Connection& c) {
  uint32_t n = c.failures;
  if (c.ending == Ending::kAcceptedPassword || c.ending == Ending::kAcceptedPublicKey) ++n;
  if (n == 0) n = 1;
  return n;
}

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_CONNECTION_H_
