#include "simulate/m365_writers.h"

#include <iterator>
#include <string>

#include "report/json_writer.h"

namespace spraytrace::simulate {
namespace {

// The simulated tenant (OrganizationId) and the application the sign-ins ask for.
constexpr std::string_view kTenant = "5d7c3a10-2b4e-4f60-8a19-0c3e5f7a9b21";
constexpr std::string_view kExchangeOnline = "00000002-0000-0ff1-ce00-000000000000";
constexpr std::string_view kUserAgent =
    "Mozilla\\/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit\\/537.36 (KHTML, like Gecko) "
    "Chrome\\/120.0.0.0 Safari\\/537.36";

// Appends one UAL record for an attempt line to *out, and returns its Id (for the CSV).
class UalRecordFormatter {
 public:
  explicit UalRecordFormatter(const WriterSetup& setup)
      : population_(setup.population), domain_(setup.config->host + ".onmicrosoft.com") {}

  // The record's Id, a GUID unique per record.
  std::string NextId() {
    ++records_;
    return fmt::format("{:08x}-5a1e-4c0d-9e00-{:012x}",
                       static_cast<uint32_t>(records_ * 2654435761u), records_);
  }

  // The UPN, JSON-escaped (the CSV doubles its quotes after).
  const std::string& Upn(const Connection& c) {
    upn_.clear();
    report::AppendJsonEscaped(population_->accounts.name(c.account), &upn_);
    upn_ += '@';
    upn_ += domain_;
    return upn_;
  }

  template <typename Out>
  void Append(const LineRef& line, const Connection& c, std::string_view id, Out out) {
    const bool failed = line.kind == LineKind::kFailedPassword;
    const bool exists = population_->accounts.exists(c.account);
    const std::string user_key =
        exists ? fmt::format("7e0c{:04x}-3b1f-4a2d-8c5e-{:012x}", c.account % 0x10000, c.account)
               : std::string("Not Available");
    const CivilTime t = ToCivil(line.time);
    const std::string_view ip = population_->addresses.text(c.address);
    fmt::format_to(out,
                   "{{\"CreationTime\":\"{:04}-{:02}-{:02}T{:02}:{:02}:{:02}\",\"Id\":\"{}\","
                   "\"Operation\":\"{}\",\"OrganizationId\":\"{}\",\"RecordType\":15,"
                   "\"ResultStatus\":\"{}\",\"UserKey\":\"{}\",\"UserType\":0,\"Version\":1,"
                   "\"Workload\":\"AzureActiveDirectory\",\"ClientIP\":\"{}\",\"ObjectId\":\"{}\","
                   "\"UserId\":\"{}\",\"AzureActiveDirectoryEventType\":1,",
                   t.year, t.month, t.day, t.hour, t.minute, t.second, id,
                   failed ? "UserLoginFailed" : "UserLoggedIn", kTenant,
                   failed ? "Failed" : "Success", user_key, ip, kExchangeOnline, Upn(c));
    fmt::format_to(out,
                   "\"ExtendedProperties\":[{{\"Name\":\"ResultStatusDetail\",\"Value\":\"{}\"}},"
                   "{{\"Name\":\"UserAgent\",\"Value\":\"{}\"}},{{\"Name\":"
                   "\"UserAuthenticationMethod\",\"Value\":\"1\"}},{{\"Name\":\"RequestType\","
                   "\"Value\":\"Login:login\"}}],\"ModifiedProperties\":[],\"Actor\":[{{\"ID\":"
                   "\"{}\",\"Type\":0}},{{\"ID\":\"{}\",\"Type\":5}}],\"ActorContextId\":\"{}\","
                   "\"ActorIpAddress\":\"{}\",\"InterSystemsId\":\"{}\",\"IntraSystemId\":\"{}\","
                   "\"SupportTicketId\":\"\",\"Target\":[{{\"ID\":\"{}\",\"Type\":0}}],"
                   "\"TargetContextId\":\"{}\",\"ApplicationId\":\"{}\",\"DeviceProperties\":[{{"
                   "\"Name\":\"BrowserType\",\"Value\":\"Chrome\"}},{{\"Name\":"
                   "\"IsCompliantAndManaged\",\"Value\":\"False\"}}],",
                   failed ? "UserError" : "Success", kUserAgent, user_key, upn_, kTenant, ip, id,
                   id, kExchangeOnline, kTenant, kExchangeOnline);
    if (!failed) {
      fmt::format_to(out, "\"ErrorNumber\":\"0\"}}");
    } else if (exists) {
      fmt::format_to(out,
                     "\"ErrorNumber\":\"50126\",\"LogonError\":\"InvalidUserNameOrPassword\"}}");
    } else {
      fmt::format_to(out, "\"ErrorNumber\":\"50034\",\"LogonError\":\"UserAccountNotFound\"}}");
    }
  }

 private:
  const Population* population_;
  std::string domain_;
  std::string upn_;
  uint64_t records_ = 0;
};

class M365UalWriter final : public RecordWriter {
 public:
  explicit M365UalWriter(const WriterSetup& setup) : format_(setup) {}

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const std::string id = format_.NextId();
    format_.Append(line, c, id, std::back_inserter(*out));
    out->push_back('\n');
  }

 private:
  UalRecordFormatter format_;
};

class M365PurviewCsvWriter final : public RecordWriter {
 public:
  explicit M365PurviewCsvWriter(const WriterSetup& setup) : format_(setup) {}

  void Begin(fmt::memory_buffer* out) override {
    constexpr std::string_view kHeader =
        "\"RecordType\",\"CreationDate\",\"UserIds\",\"Operations\",\"AuditData\","
        "\"ResultIndex\",\"ResultCount\",\"Identity\",\"IsValid\",\"ObjectState\"\n";
    out->append(kHeader);
  }

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const std::string id = format_.NextId();
    record_.clear();
    format_.Append(line, c, id, std::back_inserter(record_));
    // CreationDate as the export writes it: US month/day, 12-hour clock (here in UTC).
    const CivilTime t = ToCivil(line.time);
    const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
    fmt::format_to(std::back_inserter(*out),
                   "\"AzureActiveDirectoryStsLogon\",\"{}/{}/{} {}:{:02}:{:02} {}\",", t.month,
                   t.day, t.year, hour12, t.minute, t.second, t.hour < 12 ? "AM" : "PM");
    AppendQuoted(format_.Upn(c), out);
    out->append(std::string_view(line.kind == LineKind::kFailedPassword ? ",\"UserLoginFailed\","
                                                                        : ",\"UserLoggedIn\","));
    AppendQuoted(std::string_view(record_.data(), record_.size()), out);
    fmt::format_to(std::back_inserter(*out), ",\"{}\",\"50000\",\"{}\",\"True\",\"Unchanged\"\n",
                   ++index_, id);
  }

 private:
  // RFC 4180: quoted, inner quotes doubled.
  static void AppendQuoted(std::string_view text, fmt::memory_buffer* out) {
    out->push_back('"');
    for (const char ch : text) {
      if (ch == '"') out->push_back('"');
      out->push_back(ch);
    }
    out->push_back('"');
  }

  UalRecordFormatter format_;
  fmt::memory_buffer record_;
  uint64_t index_ = 0;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeM365UalWriter(const WriterSetup& setup) {
  return std::make_unique<M365UalWriter>(setup);
}

std::unique_ptr<RecordWriter> MakeM365PurviewCsvWriter(const WriterSetup& setup) {
  return std::make_unique<M365PurviewCsvWriter>(setup);
}

}  // namespace spraytrace::simulate
