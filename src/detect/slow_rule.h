// The slow brute-force rule, evaluated when a source's episode closes.
//
// Fires when at least slow.min_failures counted failures fall within slow.window and spread over
// at least slow.min_span. With slow.ignore_accounts_with_success, failures on accounts that
// succeeded from the same source at any time in the episode are not counted (a phone retrying a
// stale password where the laptop logs in fine); that needs the whole episode, hence evaluation
// at close. A source whose succeeded accounts exceed slow.max_success_ratio times its counted
// accounts is a shared address (office NAT) and stays quiet. Failures on an account that has
// logged in from the source's network are not counted (a stale phone behind its carrier's NAT),
// and one account failing on a machine schedule (a misconfigured job) stays quiet. Pure
// function; thread-compatible.
#ifndef SPRAYTRACE_DETECT_SLOW_RULE_H_
#define SPRAYTRACE_DETECT_SLOW_RULE_H_

#include <cstdint>

#include "detect/detector_config.h"
#include "detect/known_devices.h"
#include "detect/source_state.h"

namespace spraytrace::detect {

struct SlowResult {
  bool fired = false;
  SlowEntry first;             // first failure of the first qualifying window
  SlowEntry trigger;           // the failure that completed it: the finding's `triggered`
  uint64_t in_window = 0;      // counted failures in that window
  uint64_t counted = 0;        // counted failures in the episode's log
  uint64_t ignored = 0;        // failures not counted: their account also succeeded
  uint64_t known_network = 0;  // failures not counted: the account logs in from that network
  bool scheduled = false;      // quiet: one account failing on a machine schedule
};

// known: logins remembered across episodes (devices and networks).
SlowResult EvaluateSlow(const SourceState& state, const SlowSourceConfig& config,
                        const KnownDevices& known);

}  // namespace spraytrace::detect

#endif  // SPRAYTRACE_DETECT_SLOW_RULE_H_
