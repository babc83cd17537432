// SshdFamily: the OpenSSH sshd parser as a SyslogFamily of the front door.
#ifndef SPRAYTRACE_PARSE_SSHD_SSHD_FAMILY_H_
#define SPRAYTRACE_PARSE_SSHD_SSHD_FAMILY_H_

#include "parse/family.h"
#include "parse/sshd/sshd_parser.h"

namespace spraytrace::parse {

class SshdFamily final : public SyslogFamily {
 public:
  SshdFamily(StringPool* strings, Diagnostics* diagnostics) : parser_(strings, diagnostics) {}

  std::string_view name() const override { return "sshd"; }
  bool Claims(const SyslogRecord& record) const override {
    return SshdParser::HandlesProgram(record.program);
  }
  RecordStatus OnRecord(const SyslogRecord& record, const RecordContext& context,
                        EventSink* sink) override {
    // An sshd message the parser does not classify is still sshd's (and counted by it).
    parser_.OnRecord(record, context.file_name, sink);
    return RecordStatus::kHandled;
  }
  void Expire(Timestamp now, EventSink* sink) override { parser_.Expire(now, sink); }
  void EndFile(EventSink* sink) override { parser_.Flush(sink); }

 private:
  SshdParser parser_;
};

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_SSHD_SSHD_FAMILY_H_
