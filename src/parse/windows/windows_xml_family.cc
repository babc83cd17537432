#include "parse/windows/windows_xml_family.h"

namespace spraytrace::parse {

RecordStatus WindowsXmlFamily::OnLine(std::string_view line, const RecordContext& context,
                                      EventSink* sink) {
  const size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return RecordStatus::kNotMine;
  line.remove_prefix(start);
  // "<Event>" or "<Event xmlns=...>", not "<Events>" or another tag.
  if (!line.starts_with("<Event") || line.size() < 7 || (line[6] != '>' && line[6] != ' ')) {
    return RecordStatus::kNotMine;
  }
  std::string_view problem;
  if (!xml_.Parse(line, &event_, &problem)) {
    diagnostics_->Report(DiagnosticKind::kBadRecord, context.file_name, context.where.line,
                         problem);
    return RecordStatus::kBad;
  }
  return mapper_.Deliver(event_, context, sink);
}

}  // namespace spraytrace::parse
