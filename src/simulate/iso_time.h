// Parses the UTC ISO-8601 times spraytrace writes ("2026-11-02T10:00:01Z", with an optional
// fraction of up to 6 digits), as read back from ground-truth and findings files.
#ifndef SPRAYTRACE_SIMULATE_ISO_TIME_H_
#define SPRAYTRACE_SIMULATE_ISO_TIME_H_

#include <string_view>

#include "event/timestamp.h"

namespace spraytrace::simulate {

bool ParseIsoTime(std::string_view text, Timestamp* out);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_ISO_TIME_H_
