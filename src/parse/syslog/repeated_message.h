// Syslog duplicate suppression: the messages syslog daemons write instead of repeating a line.
//
//   rsyslog / sysklogd:  "message repeated 5 times: [ Failed password for root from ...]"
//                        The inner message (after "[ ", up to the final ']') was logged once
//                        before this line and then N more times: this line stands for N events.
//   BSD syslogd:         "last message repeated 5 times" (also "--- last message repeated 5
//                        times ---", macOS): the previous line was repeated N more times. The
//                        line has no program; the caller replays the previous record.
//
// N is clamped to kMaxRepeatCount: rsyslog can report counts in the millions during a flood, and
// past a few thousand events per line every detector threshold is long crossed, so expanding
// further would only cost time. A count of zero or without digits is not recognised.
// Pure functions; thread-safe.
#ifndef SPRAYTRACE_PARSE_SYSLOG_REPEATED_MESSAGE_H_
#define SPRAYTRACE_PARSE_SYSLOG_REPEATED_MESSAGE_H_

#include <cstdint>
#include <string_view>

namespace spraytrace::parse {

inline constexpr uint32_t kMaxRepeatCount = 100'000;

// True when message is "message repeated N times: [ inner]"; sets *count (clamped) and *inner
// (a view into message, without the leading space and the closing ']'; when the line was cut
// before the ']' the inner message runs to the end).
bool ParseMessageRepeated(std::string_view message, uint32_t* count, std::string_view* inner);

// True when message is "last message repeated N times" (optionally inside "--- ... ---");
// sets *count (clamped).
bool ParseLastMessageRepeated(std::string_view message, uint32_t* count);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_SYSLOG_REPEATED_MESSAGE_H_
