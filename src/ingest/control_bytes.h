// Detection of binary data in a line: C0 control bytes (0x00-0x1F) other than TAB.
//
// Log text holds printable bytes and tabs; a line with NUL, ESC, BEL, a stray CR and the like is
// treated as binary garbage. DEL (0x7F) and bytes >= 0x80 are not control bytes here (UTF-8 is
// checked separately). Pure function; thread-safe.
#ifndef SPRAYTRACE_INGEST_CONTROL_BYTES_H_
#define SPRAYTRACE_INGEST_CONTROL_BYTES_H_

#include <cstddef>
#include <string_view>

namespace spraytrace::ingest {

// Number of bytes in text below 0x20 other than '\t'.
size_t CountControlBytes(std::string_view text);

// True when every byte of text is ASCII (below 0x80) and none is a control byte: such a line
// needs neither CountControlBytes nor a UTF-8 check, and nearly every log line is one. Sixteen
// bytes at a time (SSE2) where the target has it.
bool IsPlainAscii(std::string_view text);

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_CONTROL_BYTES_H_
