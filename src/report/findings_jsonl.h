// FindingsJsonlWriter: writes each Finding as one line of JSON in the findings contract
// (docs/findings.md): Elastic Common Schema names, so the lines drop into Elastic, OpenSearch,
// Splunk or Sentinel unchanged. Scripts rely on rule.name, related.ip, related.user, user.name.
//
// Not thread-safe. The FILE* is borrowed; the FileTable and StringPool must outlive the writer.
#ifndef SPRAYTRACE_REPORT_FINDINGS_JSONL_H_
#define SPRAYTRACE_REPORT_FINDINGS_JSONL_H_

#include <cstdio>
#include <string>

#include "detect/finding.h"
#include "event/file_table.h"
#include "report/json_writer.h"

namespace spraytrace::report {

// Renders one finding as a single JSON object (no trailing newline).
void FindingToJson(const detect::Finding& finding, const FileTable& files, JsonWriter* json);

class FindingsJsonlWriter final : public detect::FindingSink {
 public:
  FindingsJsonlWriter(std::FILE* out, const FileTable* files) : out_(out), files_(files) {}
  void OnFinding(detect::Finding finding) override;
  // False once a write failed (disk full, closed pipe); later findings are dropped.
  bool ok() const { return ok_; }

 private:
  std::FILE* out_;
  const FileTable* files_;
  JsonWriter json_;
  bool ok_ = true;
};

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_FINDINGS_JSONL_H_
