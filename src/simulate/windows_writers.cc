#include "simulate/windows_writers.h"

#include <string>

#include "report/json_writer.h"

namespace spraytrace::simulate {
namespace {

// What Windows logs for one attempt line.
struct WindowsAttempt {
  int event_id = 4625;
  std::string_view user;
  std::string_view ip;
  std::string_view sub_status;  // 4625 only
  std::string_view package = "NTLM";
  std::string_view process = "NtLmSsp ";
};

WindowsAttempt Describe(const LineRef& line, const Connection& c, const Population& population) {
  WindowsAttempt a;
  a.user = population.accounts.name(c.account);
  a.ip = population.addresses.text(c.address);
  if (line.kind == LineKind::kFailedPassword) {
    a.sub_status = population.accounts.exists(c.account) ? "0xc000006a" : "0xc0000064";
    return a;
  }
  a.event_id = 4624;
  if (line.kind == LineKind::kAcceptedPublicKey) {
    a.package = "Kerberos";
    a.process = "Kerberos";
  }
  return a;
}

// Windows' SystemTime: UTC with 7 fraction digits.
std::string SystemTime(Timestamp time) {
  const CivilTime t = ToCivil(time);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}0Z", t.year, t.month, t.day, t.hour,
                     t.minute, t.second, t.micros);
}

void AppendXmlEscaped(std::string_view text, std::string* out) {
  for (const char ch : text) {
    switch (ch) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      default:
        out->push_back(ch);
    }
  }
}

class WindowsJsonWriter final : public RecordWriter {
 public:
  explicit WindowsJsonWriter(const WriterSetup& setup)
      : population_(setup.population), host_(setup.config->host) {}

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const WindowsAttempt a = Describe(line, c, *population_);
    user_.clear();
    report::AppendJsonEscaped(a.user, &user_);
    const bool failed = a.event_id == 4625;
    fmt::format_to(std::back_inserter(*out),
                   "{{\"@timestamp\":\"{}\",\"agent\":{{\"type\":\"winlogbeat\",\"version\":"
                   "\"8.12.0\"}},\"event\":{{\"code\":\"{}\",\"kind\":\"event\",\"provider\":"
                   "\"Microsoft-Windows-Security-Auditing\",\"outcome\":\"{}\"}},\"host\":{{"
                   "\"name\":\"{}\"}},\"winlog\":{{\"channel\":\"Security\",\"computer_name\":"
                   "\"{}\",\"event_id\":\"{}\",\"event_data\":{{\"TargetUserSid\":\"S-1-0-0\","
                   "\"TargetUserName\":\"{}\",\"TargetDomainName\":\"CORP\",",
                   FormatIso8601(line.time), a.event_id, failed ? "failure" : "success", host_,
                   host_, a.event_id, user_);
    if (failed) {
      fmt::format_to(std::back_inserter(*out),
                     "\"Status\":\"0xc000006d\",\"FailureReason\":\"%%2313\",\"SubStatus\":"
                     "\"{}\",",
                     a.sub_status);
    }
    fmt::format_to(
        std::back_inserter(*out),
        "\"LogonType\":\"3\",\"LogonProcessName\":\"{}\",\"AuthenticationPackageName\":"
        "\"{}\",\"WorkstationName\":\"-\",\"IpAddress\":\"{}\",\"IpPort\":\"{}\"}}}}}}\n",
        a.process, a.package, a.ip, c.port);
  }

 private:
  const Population* population_;
  std::string host_;
  std::string user_;
};

class WindowsXmlWriter final : public RecordWriter {
 public:
  explicit WindowsXmlWriter(const WriterSetup& setup) : population_(setup.population) {
    AppendXmlEscaped(setup.config->host, &host_);
  }

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const WindowsAttempt a = Describe(line, c, *population_);
    user_.clear();
    AppendXmlEscaped(a.user, &user_);
    const bool failed = a.event_id == 4625;
    fmt::format_to(std::back_inserter(*out),
                   "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>"
                   "<Provider Name=\"Microsoft-Windows-Security-Auditing\" "
                   "Guid=\"{{54849625-5478-4994-a5ba-3e3b0328c30d}}\" /><EventID>{}</EventID>"
                   "<Version>0</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode>"
                   "<Keywords>{}</Keywords><TimeCreated SystemTime=\"{}\" /><Channel>Security"
                   "</Channel><Computer>{}</Computer><Security /></System><EventData>"
                   "<Data Name=\"TargetUserSid\">S-1-0-0</Data><Data Name=\"TargetUserName\">{}"
                   "</Data><Data Name=\"TargetDomainName\">CORP</Data>",
                   a.event_id, failed ? "0x8010000000000000" : "0x8020000000000000",
                   SystemTime(line.time), host_, user_);
    if (failed) {
      fmt::format_to(std::back_inserter(*out),
                     "<Data Name=\"Status\">0xc000006d</Data><Data Name=\"FailureReason\">%%2313"
                     "</Data><Data Name=\"SubStatus\">{}</Data>",
                     a.sub_status);
    }
    fmt::format_to(std::back_inserter(*out),
                   "<Data Name=\"LogonType\">3</Data><Data Name=\"LogonProcessName\">{}</Data>"
                   "<Data Name=\"AuthenticationPackageName\">{}</Data><Data "
                   "Name=\"WorkstationName\">-</Data><Data Name=\"IpAddress\">{}</Data><Data "
                   "Name=\"IpPort\">{}</Data></EventData></Event>\n",
                   a.process, a.package, a.ip, c.port);
  }

 private:
  const Population* population_;
  std::string host_;
  std::string user_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeWindowsJsonWriter(const WriterSetup& setup) {
  return std::make_unique<WindowsJsonWriter>(setup);
}

std::unique_ptr<RecordWriter> MakeWindowsXmlWriter(const WriterSetup& setup) {
  return std::make_unique<WindowsXmlWriter>(setup);
}

}  // namespace spraytrace::simulate
