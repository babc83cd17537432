// Writers for the Microsoft 365 Unified Audit Log, so every scenario can be written as a
// tenant's sign-in audit: one record per attempt (IsAttemptLine), an AzureActiveDirectoryStsLogon
// record (RecordType 15) in the key order of the real ones (formats.md §4).
//
//   a failed guess   UserLoginFailed, ErrorNumber 50126 InvalidUserNameOrPassword (the account
//                    exists) or 50034 UserAccountNotFound (it does not)
//   a login          UserLoggedIn, ErrorNumber 0 (a key login too: the audit log has no way to
//                    say a credential was not a password, as ECS and CSV exports)
//
// UserId is the account @ "<host>.onmicrosoft.com"; ClientIP the source; CreationTime whole
// seconds, UTC without a zone, as the service writes it. `m365-ual` writes one record per line
// (the Management Activity API's content); `m365-purview-csv` the Purview audit export, the
// record in the quoted AuditData column with CreationDate in US format. Read back by the
// m365-ual and m365-purview-csv families (docs/m365.md).
#ifndef SPRAYTRACE_SIMULATE_M365_WRITERS_H_
#define SPRAYTRACE_SIMULATE_M365_WRITERS_H_

#include <memory>

#include "simulate/log_formats.h"

namespace spraytrace::simulate {

std::unique_ptr<RecordWriter> MakeM365UalWriter(const WriterSetup& setup);
std::unique_ptr<RecordWriter> MakeM365PurviewCsvWriter(const WriterSetup& setup);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_M365_WRITERS_H_
