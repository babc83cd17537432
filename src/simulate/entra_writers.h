// Writers for Microsoft Entra ID sign-in logs, so every scenario can be written as a tenant's
// sign-in export: one record per attempt (IsAttemptLine), in the three shapes the entra-*
// families read (docs/entra.md).
//
//   a failed guess       50126 (account exists) or 50034 (it does not); against an existing
//                        account from an attacking source, now and then 50053 (smart lockout
//                        refusing an address with malicious activity)
//   a login              0; the attacker's first success on an account (a compromise) is, for
//                        every other account, 50076 "MFA required": the password was right, and
//                        the detectors must count it as the hit it is
//
// `entra-sentinel` writes Log Analytics SigninLogs rows as JSON lines; `entra-azmon` the Azure
// Monitor diagnostic-settings records one per line (as an Event Hub consumer saves them);
// `entra-graph` Microsoft Graph auditLogs/signIns pages, `{"value":[...]}` of up to 100
// records per line. The user principal name is the account's name at the simulated tenant's
// domain; every record carries the same tenant id.
#ifndef SPRAYTRACE_SIMULATE_ENTRA_WRITERS_H_
#define SPRAYTRACE_SIMULATE_ENTRA_WRITERS_H_

#include <memory>

#include "simulate/log_formats.h"

namespace spraytrace::simulate {

// The simulated tenant.
inline constexpr std::string_view kSimulatedTenantId = "5f1c2a9e-7b43-4d8e-9a61-3c0d2e4b8f17";
inline constexpr std::string_view kSimulatedTenantDomain = "contoso.example";

std::unique_ptr<RecordWriter> MakeEntraSentinelWriter(const WriterSetup& setup);
std::unique_ptr<RecordWriter> MakeEntraAzureMonitorWriter(const WriterSetup& setup);
std::unique_ptr<RecordWriter> MakeEntraGraphWriter(const WriterSetup& setup);

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_ENTRA_WRITERS_H_
