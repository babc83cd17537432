// The log formats `spraytrace simulate --format` writes: one row per format, naming it, the
// file it goes to and the writer that makes its records. A new family's writer is one row.
#ifndef SPRAYTRACE_SIMULATE_LOG_FORMATS_H_
#define SPRAYTRACE_SIMULATE_LOG_FORMATS_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "event/timestamp.h"
#include "simulate/population.h"
#include "simulate/record_writer.h"
#include "simulate/simulation_config.h"

namespace spraytrace::simulate {

// What a writer may need besides its records: the host that logs, the people and addresses,
// and a boot time and seed for families that carry them (journald's monotonic clock, boot id).
struct WriterSetup {
  const SimulationConfig* config = nullptr;
  const Population* population = nullptr;
  Timestamp boot = 0;
  uint64_t boot_id_seed = 0;
};

struct LogFormatInfo {
  LogFormat format;
  std::string_view name;       // the --format value, e.g. "sshd-syslog"
  std::string_view file_name;  // the log's name in the output directory, e.g. "auth.log"
  // Timestamps carry whole seconds only (RFC 3164 syslog), so the truth rounds times down.
  bool second_resolution;
  std::string_view summary;  // one line for --help
  std::unique_ptr<RecordWriter> (*make_writer)(const WriterSetup& setup);
};

// Every format, in the order --help lists them.
std::span<const LogFormatInfo> LogFormats();
// REQUIRES: format is a LogFormat value (every value has a row).
const LogFormatInfo& LogFormatOf(LogFormat format);
// "sshd-syslog, sshd-journal, ..." for messages.
std::string LogFormatNames();

}  // namespace spraytrace::simulate

#endif  // SPRAYTRACE_SIMULATE_LOG_FORMATS_H_
