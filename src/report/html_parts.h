// Pieces the HTML report's sections share (html_report.cc, html_campaign.cc): number and time
// formats, capped name lists, cited evidence. Internal to report/. Pure functions.
#ifndef SPRAYTRACE_REPORT_HTML_PARTS_H_
#define SPRAYTRACE_REPORT_HTML_PARTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "detect/finding.h"
#include "event/file_table.h"
#include "report/html_report.h"
#include "report/html_writer.h"
#include "report/report_model.h"

namespace spraytrace::report {

struct ReportContext {
  const HtmlReportInput& in;
  const ReportModel& model;
  HtmlWriter* html;
};

// "12,345"
std::string Thousands(uint64_t n);
// "1 account", "2 accounts"
std::string Plural(uint64_t n, std::string_view one, std::string_view many);
// "2026-11-03 02:32Z": minutes are enough to read a window; evidence keeps full ISO times.
std::string ShortTime(Timestamp time);
// "2026-11-03 02:32Z .. 2026-11-04 04:50Z (1d2h18m)"
std::string Window(Timestamp start, Timestamp end);
// "/var/log/auth.log:1234"
std::string Place(const detect::Evidence& e, const FileTable& files);

// Names as chips, the first `cap` of them, then "and N more" counting up to `total` (which may
// exceed names.size() when the finding capped its list). Names in `highlight` come first.
void WriteNames(const std::vector<std::string>& names, size_t cap, uint64_t total,
                const std::unordered_set<std::string>& highlight, HtmlWriter* html);

// Cited events as a list, "time file:line why"; the one at proof_time (if any) in bold.
void WriteEvidence(const std::vector<detect::Evidence>& evidence, const FileTable& files,
                   size_t cap, Timestamp proof_time, HtmlWriter* html);

// A finding's source as text: the address, the host name, or "N addresses".
std::string SourceText(const detect::Finding& f);

// "<p class=more>and N more ...</p>" when shown < total.
void WriteMore(size_t shown, size_t total, std::string_view what, HtmlWriter* html);

// The sections in their own files: html_campaign.cc, html_findings.cc.
void WriteCampaigns(const ReportContext& ctx);
void WriteCompromised(const ReportContext& ctx);
void WriteOthers(const ReportContext& ctx);

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_HTML_PARTS_H_
