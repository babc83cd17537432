// Reads findings JSON lines (docs/findings.md) back for scoring, with simdjson.
//
// Fields are read nested ({"rule": {"name": ...}}) as spraytrace writes them, or dotted
// ({"rule.name": ...}) as some pipelines flatten ECS. Required: rule.name and @timestamp.
// Optional: rule.id, event.start/end, event.severity, related.ip, source.ip, related.user,
// user.name, spraytrace.confidence, spraytrace.campaign, message, spraytrace.distinct_accounts
// (null is the
// same as absent; an ECS array field may also be a single value). Addresses are canonicalised
// with IpAddress::Parse. A line that is not a JSON object, or whose fields have the wrong type or
// an unreadable value, is counted as bad (with its line number) and the rest is still read.
#ifndef SPRAYTRACE_EVAL_FINDINGS_READER_H_
#define SPRAYTRACE_EVAL_FINDINGS_READER_H_

#include <istream>
#include <string>
#include <string_view>

#include "common/result.h"
#include "eval/finding_record.h"

namespace spraytrace::eval {

// Parses one line (without its newline). Errors name the field and the problem.
Result<FindingRecord> ParseFindingLine(std::string_view line);

// Reads JSON lines until the end of in. Blank lines are skipped; bad lines are counted and never
// stop the read.
FindingsFile ReadFindings(std::istream& in);

// Reads the file at path ("-": standard input). Fails only when the file cannot be opened or
// read; bad lines are in the result.
Result<FindingsFile> LoadFindings(const std::string& path);

}  // namespace spraytrace::eval

#endif  // SPRAYTRACE_EVAL_FINDINGS_READER_H_
