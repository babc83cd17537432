#include "simulate/generic_writers.h"

#include <string>

#include "report/json_writer.h"

namespace spraytrace::simulate {
namespace {

// What one attempt line says, whatever the format.
struct Attempt {
  std::string_view user;
  std::string_view ip;
  bool success = false;
  std::string_view reason;  // for failures
};

Attempt Describe(const LineRef& line, const Connection& c, const Population& population) {
  Attempt a;
  a.user = population.accounts.name(c.account);
  a.ip = population.addresses.text(c.address);
  a.success = line.kind != LineKind::kFailedPassword;
  a.reason = population.accounts.exists(c.account) ? "bad password" : "unknown user";
  return a;
}

class EcsWriter final : public RecordWriter {
 public:
  explicit EcsWriter(const WriterSetup& setup)
      : population_(setup.population), host_(setup.config->host) {}

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const Attempt a = Describe(line, c, *population_);
    user_.clear();
    report::AppendJsonEscaped(a.user, &user_);
    fmt::format_to(std::back_inserter(*out),
                   "{{\"@timestamp\":\"{}\",\"event\":{{\"kind\":\"event\",\"category\":["
                   "\"authentication\"],\"type\":[\"start\"],\"outcome\":\"{}\"",
                   FormatIso8601(line.time), a.success ? "success" : "failure");
    if (!a.success) fmt::format_to(std::back_inserter(*out), ",\"reason\":\"{}\"", a.reason);
    fmt::format_to(std::back_inserter(*out),
                   "}},\"source\":{{\"ip\":\"{}\",\"port\":{}}},\"user\":{{\"name\":\"{}\"}},"
                   "\"host\":{{\"name\":\"{}\"}},\"service\":{{\"type\":\"ssh\"}}}}\n",
                   a.ip, c.port, user_, host_);
  }

 private:
  const Population* population_;
  std::string host_;
  std::string user_;
};

class CsvWriter final : public RecordWriter {
 public:
  explicit CsvWriter(const WriterSetup& setup) : population_(setup.population) {}

  void Begin(fmt::memory_buffer* out) override {
    constexpr std::string_view kHeader = "time,user,source_ip,outcome,reason\n";
    out->append(kHeader);
  }

  void Append(const LineRef& line, const Connection& c, fmt::memory_buffer* out) override {
    if (!IsAttemptLine(line.kind)) return;
    const Attempt a = Describe(line, c, *population_);
    fmt::format_to(std::back_inserter(*out), "{},", FormatIso8601(line.time));
    AppendField(a.user, out);
    fmt::format_to(std::back_inserter(*out), ",{},{},{}\n", a.ip, a.success ? "success" : "failure",
                   a.success ? "" : a.reason);
  }

 private:
  // RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
  static void AppendField(std::string_view text, fmt::memory_buffer* out) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
      out->append(text);
      return;
    }
    out->push_back('"');
    for (const char ch : text) {
      if (ch == '"') out->push_back('"');
      out->push_back(ch);
    }
    out->push_back('"');
  }

  const Population* population_;
};

}  // namespace

std::unique_ptr<RecordWriter> MakeEcsWriter(const WriterSetup& setup) {
  return std::make_unique<EcsWriter>(setup);
}

std::unique_ptr<RecordWriter> MakeCsvWriter(const WriterSetup& setup) {
  return std::make_unique<CsvWriter>(setup);
}

}  // namespace spraytrace::simulate
