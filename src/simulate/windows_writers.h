// Writers for Windows Security events, so every scenario can be written as a Windows server's
// log: one record per attempt (IsAttemptLine), as an SMB/NTLM member server logs them.
//
//   a failed guess     4625, LogonType 3, NTLM, Status 0xc000006d, SubStatus 0xc000006a
//                      (account exists) or 0xc0000064 (it does not), IpAddress = the source
//   a password login   4624, LogonType 3, NTLM
//   a key login        4624, LogonType 3, Kerberos (a ticket: like a key, nothing guessable)
//
// `windows-json` writes Winlogbeat 8 JSON lines (`@timestamp`, `winlog.event_id`,
// `winlog.event_data`); `windows-xml` one <Event> XML per line, as CrowdSec's acquisition does.
// The server's name (config host) is the Computer. Read back by the windows-winlogbeat and
// windows-xml families (docs/windows.md).
#ifndef SPRAYTRACE_SIMULATE_WINDOWS_WRITERS_H_
#define SPRAYTRACE_SIMULATE_WINDOWS_WRITERS_H_

#include <memory>

#include "simulate/log_formats.h"

namespace spraytrace::simulate {

std::unique_ptr<RecordWriter> MakeWindowsJsonWriter(const WriterSetup& setup);
std::unique_ptr<RecordWriter> MakeWindowsXmlWriter(const WriterSetup& setup);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_WINDOWS_WRITERS_H_
