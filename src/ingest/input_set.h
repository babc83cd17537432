// Expands the paths a user names on the command line into the ordered list of inputs to read.
//
// Directories are walked recursively (regular files only, hidden files skipped, symlink loops
// refused). Within a directory, and among sibling paths, rotated logs are put in chronological
// order: auth.log.3.gz, auth.log.2.gz, auth.log.1, auth.log (a higher rotation number is older).
// "-" means stdin and keeps its position. Paths that do not exist are reported, not fatal.
#ifndef SPRAYTRACE_INGEST_INPUT_SET_H_
#define SPRAYTRACE_INGEST_INPUT_SET_H_

#include <string>
#include <vector>

#include "common/diagnostics.h"

namespace spraytrace::ingest {

// Returns the files to read in order; unreadable paths go to diagnostics as kUnreadableFile.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths,
                                      Diagnostics* diagnostics);

// Sort key helper, exposed for tests: orders names of one rotation family oldest first.
bool RotationOrderLess(const std::string& a, const std::string& b);

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_INPUT_SET_H_
