#include "simulate/entra_writers.h"

#include <string>

#include "report/json_writer.h"

namespace spraytrace::simulate {
namespace {

// What Entra logs for one attempt line.
struct EntraAttempt {
  uint32_t code = 0;
  std::string_view description;
  std::string_view ip;
};

// A fixed mix of the attempt's facts, so the same simulation always writes the same codes.
uint64_t Mix(uint64_t a, uint64_t b) {
  uint64_t x = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull);
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ull;
  return x ^ (x >> 29);
}

EntraAttempt Describe(const LineRef& line, const Connection& c, const Population& population) {
  EntraAttempt a;
  a.ip = population.addresses.text(c.address);
  if (line.kind != LineKind::kFailedPassword) {
    if (c.compromise && c.account % 2 == 1) {
      a.code = 50076;
      a.description =
          "Due to a configuration change made by your administrator, or because you moved to a "
          "new location, you must use multi-factor authentication to access the resource.";
    }
    return a;
  }
  if (!population.accounts.exists(c.account)) {
    a.code = 50034;
    a.description = "The user account does not exist in the directory.";
  } else if (c.scenario != kBenign && Mix(static_cast<uint64_t>(line.time), c.account) % 8 == 0) {
    a.code = 50053;
    a.description =
        "Account is locked because user tried to sign in too many times with an "
        "incorrect user ID or password.";
  } else {
    a.code = 50126;
    a.description = "Error validating credentials due to invalid username or password.";
  }
  return a;
}

// Entra's times: UTC with 7 fraction digits.
std::string EntraTime(Timestamp time) {
  const CivilTime t = ToCivil(time);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}0Z", t.year, t.month, t.day, t.hour,
                     t.minute, t.second, t.micros);
}

// A GUID-shaped id from two numbers, for correlation and record ids.
std::string Guid(uint64_t a, uint64_t b) {
  const uint64_t x = Mix(a, b);
  const uint64_t y = Mix(b, a);
  return fmt::format("{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}", x >> 32, (x >> 16) & 0xffff,
                     x & 0xfff, (y >> 48) & 0xfff, y & 0xffffffffffffull);
}

// What every shape writes the same way.
class EntraWriterBase : public RecordWriter {
 public:
  explicit EntraWriterBase(const WriterSetup& setup) : population_(setup.population) {}

 protected:
  // Sets upn_ (JSON-escaped) and returns what the attempt logs.
  EntraAttempt Prepare(const LineRef& line, const Connection& c) {
    upn_.clear();
    report::AppendJsonEscaped(population_->accounts.name(c.account), &upn_);
    upn_ += '@';
    upn_ += kSimulatedTenantDomain;
    id_ = Guid(static_cast<uint64_t>(line.time), (uint64_t{c.account} << 32) | c.address);
    return Describe(line, c, *population_);
  }
  // The client: attackers' tools talk to the token endpoint, people use a browser.
  static std::string_view UserAgent(const Connection& c) {
    return c.scenario == kBenign
               ? "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                 "Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0"
               : "python-requests/2.31.0";
  }
  static std::string_view ClientApp(const Connection& c) {
    return c.scenario == kBenign ? "Browser" : "Mobile Apps and Desktop clients";
  }
  // The Graph-named fields: a Graph record's body, diagnostic settings' `properties`.
  void AppendGraphFields(const LineRef& line, const Connection& c, const EntraAttempt& a,
                         fmt::memory_buffer* out) const {
    fmt::format_to(std::back_inserter(*out),
                   "\"id\":\"{}\",\"createdDateTime\":\"{}\",\"userDisplayName\":\"{}\","
                   "\"userPrincipalName\":\"{}\",\"appId\":\"1b730954-1685-4b74-9bfd-"
                   "dac224a7b894\",\"appDisplayName\":\"Azure Active Directory PowerShell\","
                   "\"ipAddress\":\"{}\",\"clientAppUsed\":\"{}\",\"userAgent\":\"{}\","
                   "\"correlationId\":\"{}\",\"conditionalAccessStatus\":\"notApplied\","
                   "\"isInteractive\":{},\"status\":{{\"errorCode\":{}",
                   id_, EntraTime(line.time), upn_, upn_, a.ip, ClientApp(c), UserAgent(c), id_,
                   c.scenario == kBenign ? "true" : "false", a.code);
    if (a.code != 0) {
      fmt::format_to(std::back_inserter(*out), ",\"failureReason\":\"{}\"", a.description);
    }
    fmt::format_to(std::back_inserter(*out),
                   "}},\"location\":{{\"countryOrRegion\":\"US\"}},\"homeTenantId\":\"{}\","
                   "\"resourceTenantId\":\"{}\"",
                   kSimulatedTenantId, kSimulatedTenantId);
  }

  const Population* population_;
  std::string upn_;
  std::string id_;
};

class EntraSentinelWriter final : public EntraWriterBase {
 public:
  using EntraWriterBase::EntraWriterBase;

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const EntraAttempt a = Prepare(line, c);
    // Log Analytics writes the dynamic Status column as JSON text.
    fmt::format_to(std::back_inserter(*out),
                   "{{\"TenantId\":\"0c1d2e3f-4a5b-4c6d-8e7f-90a1b2c3d4e5\",\"SourceSystem\":"
                   "\"Azure AD\",\"TimeGenerated\":\"{}\",\"OperationName\":\"Sign-in activity\","
                   "\"Category\":\"SignInLogs\",\"ResultType\":\"{}\",\"ResultDescription\":\"{}\","
                   "\"Identity\":\"{}\",\"Level\":\"4\",\"AppDisplayName\":\"Azure Active "
                   "Directory PowerShell\",\"ClientAppUsed\":\"{}\",\"UserAgent\":\"{}\","
                   "\"CorrelationId\":\"{}\",\"IPAddress\":\"{}\",\"Status\":\"{{\\\"errorCode\\\":"
                   "{}}}\",\"UserPrincipalName\":\"{}\",\"AADTenantId\":\"{}\",\"Type\":"
                   "\"SigninLogs\"}}\n",
                   EntraTime(line.time), a.code, a.code == 0 ? "" : a.description, upn_,
                   ClientApp(c), UserAgent(c), id_, a.ip, a.code, upn_, kSimulatedTenantId);
  }
};

class EntraAzureMonitorWriter final : public EntraWriterBase {
 public:
  using EntraWriterBase::EntraWriterBase;

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const EntraAttempt a = Prepare(line, c);
    fmt::format_to(std::back_inserter(*out),
                   "{{\"time\":\"{}\",\"resourceId\":\"/tenants/{}/providers/Microsoft.aadiam\","
                   "\"operationName\":\"Sign-in activity\",\"operationVersion\":\"1.0\","
                   "\"category\":\"{}\",\"tenantId\":\"{}\",\"resultType\":\"{}\","
                   "\"resultSignature\":\"None\",\"resultDescription\":\"{}\",\"durationMs\":0,"
                   "\"callerIpAddress\":\"{}\",\"correlationId\":\"{}\",\"identity\":\"{}\","
                   "\"Level\":4,\"location\":\"US\",\"properties\":{{",
                   EntraTime(line.time), kSimulatedTenantId,
                   c.scenario == kBenign ? "SignInLogs" : "NonInteractiveUserSignInLogs",
                   kSimulatedTenantId, a.code, a.code == 0 ? "" : a.description, a.ip, id_, upn_);
    AppendGraphFields(line, c, a, out);
    out->append(std::string_view("}}\n"));
  }
};

class EntraGraphWriter final : public EntraWriterBase {
 public:
  using EntraWriterBase::EntraWriterBase;

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const EntraAttempt a = Prepare(line, c);
    if (in_page_ == 0) {
      out->append(std::string_view(
          "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns\","
          "\"value\":["));
    } else {
      out->push_back(',');
    }
    out->push_back('{');
    AppendGraphFields(line, c, a, out);
    out->push_back('}');
    if (++in_page_ == kPageSize) ClosePage(out);
  }
  void End(fmt::memory_buffer* out) override {
    if (in_page_ != 0) ClosePage(out);
  }

 private:
  static constexpr uint32_t kPageSize = 100;
  void ClosePage(fmt::memory_buffer* out) {
    fmt::format_to(std::back_inserter(*out),
                   "],\"@odata.nextLink\":\"https://graph.microsoft.com/v1.0/auditLogs/"
                   "signIns?$skiptoken={}\"}}\n",
                   id_);
    in_page_ = 0;
  }
  uint32_t in_page_ = 0;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeEntraSentinelWriter(const WriterSetup& setup) {
  return std::make_unique<EntraSentinelWriter>(setup);
}

std::unique_ptr<RecordWriter> MakeEntraAzureMonitorWriter(const WriterSetup& setup) {
  return std::make_unique<EntraAzureMonitorWriter>(setup);
}

std::unique_ptr<RecordWriter> MakeEntraGraphWriter(const WriterSetup& setup) {
  return std::make_unique<EntraGraphWriter>(setup);
}

}  // namespace spraytrace::simulate
