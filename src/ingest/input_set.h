// Expands the paths a user names on the command line into the ordered list of inputs to read.
//
// Each path, in command-line order:
//   "-"          stdin; kept as is, where it is (never merged or reordered).
//   a directory  walked recursively: regular files, and symlinks to regular files, are taken;
//                names starting with '.' are skipped (files and whole subdirectories); symlinks
//                to directories are not followed, so symlink loops cannot happen; FIFOs, sockets
//                and devices are skipped. A subdirectory that cannot be listed is reported as
//                kUnreadableFile and the walk goes on. The files found are sorted by directory,
//                then with RotationOrderLess, and take the directory's place in the list.
//   anything else that exists  kept as given, whatever its type (a FIFO such as <(zcat x) too,
//                and hidden names too: the user asked for it).
//   missing or unreadable      reported as kUnreadableFile and left out; not fatal.
// Then a file reached twice (same device and inode: named twice, or through a symlink) is kept
// at its first place only, since reading it twice would count every event twice. Finally
// rotation families are put oldest first: the list positions held by members of one family (same
// directory and family name, see rotation_name.h) are refilled with those members sorted by
// RotationOrderLess; every other entry keeps its position. So `auth.log other.log auth.log.1`
// becomes `auth.log.1 other.log auth.log`. Thread-safe (no shared state).
#ifndef SPRAYTRACE_INGEST_INPUT_SET_H_
#define SPRAYTRACE_INGEST_INPUT_SET_H_

#include <string>
#include <vector>

#include "common/diagnostics.h"

namespace spraytrace::ingest {

// Returns the files to read in order; unreadable paths go to diagnostics as kUnreadableFile.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& paths,
                                      Diagnostics* diagnostics);

// Sort key helper, exposed for tests: orders paths by directory, then by rotation family name,
// then oldest first within a family: dated suffixes ascending (auth.log-20240101 before
// auth.log-20240108), then numbered suffixes descending (auth.log.3.gz, auth.log.2, auth.log.1),
// then the current file (auth.log) last. A strict weak ordering over all paths.
bool RotationOrderLess(const std::string& a, const std::string& b);

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_INPUT_SET_H_
