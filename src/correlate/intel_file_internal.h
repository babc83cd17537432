// Shared by the intel list readers (intel_file.cc, intel_stix.cc); not part of the API.
#ifndef SPRAYTRACE_CORRELATE_INTEL_FILE_INTERNAL_H_
#define SPRAYTRACE_CORRELATE_INTEL_FILE_INTERNAL_H_

#include <string>
#include <string_view>

#include "common/diagnostics.h"
#include "common/status.h"
#include "correlate/intel_file.h"
#include "correlate/intel_set.h"

namespace spraytrace::correlate::intel_internal {

// Tags longer than this are cut: a tag is a label, not a description.
constexpr size_t kMaxTagBytes = 64;

// "<list>" or "<list>:<extra>" with extra trimmed and cut to kMaxTagBytes.
std::string Tag(std::string_view list, std::string_view extra);

// Counts one bad entry and remembers the first for the error when nothing good is read.
class BadEntries {
 public:
  BadEntries(const std::string& path, Diagnostics* diagnostics, IntelFileStats* stats)
      : path_(path), diagnostics_(diagnostics), stats_(stats) {}
  void Report(uint64_t line, std::string_view problem);
  // Error when entries were bad and none was good; OK otherwise.
  Status NothingGood() const;

 private:
  const std::string& path_;
  Diagnostics* diagnostics_;
  IntelFileStats* stats_;
  uint64_t first_line_ = 0;
  std::string first_problem_;
};

// Reads a STIX 2.1 bundle, object or array of objects from text into *set.
Status LoadStix(std::string_view text, IntelFileStats* stats, IntelSet* set, BadEntries* bad);

// Parses value as an address or CIDR and adds it with tag, or reports it bad.
void AddEntry(std::string_view value, uint64_t line, const std::string& tag, IntelSet* set,
              IntelFileStats* stats, BadEntries* bad);

}  // namespace spraytrace::correlate::intel_internal

#endif  // SPRAYTRACE_CORRELATE_INTEL_FILE_INTERNAL_H_
