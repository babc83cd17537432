// Writers for the generic formats: Elastic Common Schema JSON lines (`ecs`) and a CSV export
// (`csv`, header time,user,source_ip,outcome,reason; read back with `spraytrace scan
// --csv-columns time=time,user=user,source=source_ip,outcome=outcome,reason=reason`). One
// record per attempt: each failed guess and each login (IsAttemptLine).
#ifndef SPRAYTRACE_SIMULATE_GENERIC_WRITERS_H_
#define SPRAYTRACE_SIMULATE_GENERIC_WRITERS_H_

#include <memory>

#include "simulate/log_formats.h"

namespace spraytrace::simulate {

std::unique_ptr<RecordWriter> MakeEcsWriter(const WriterSetup& setup);
std::unique_ptr<RecordWriter> MakeCsvWriter(const WriterSetup& setup);

// The --csv-columns mapping that reads what MakeCsvWriter writes.
inline constexpr std::string_view kSimulatedCsvColumns =
    "time=time,user=user,source=source_ip,outcome=outcome,reason=reason";

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_GENERIC_WRITERS_H_
