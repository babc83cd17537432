#include "ingest/plain_source.h"

namespace spraytrace::ingest {

size_t PlainSource::Read(char* out, size_t capacity) {
  if (done_) return 0;
  Result<size_t> got = input_.Read(out, capacity);
  if (!got) {
    fault_ = StreamFault{DiagnosticKind::kUnreadableFile, got.error().message()};
    done_ = true;
    return 0;
  }
  if (*got == 0) done_ = true;
  return *got;
}

}  // namespace spraytrace::ingest
