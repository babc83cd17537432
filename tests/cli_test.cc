// The spraytrace command as a user runs it: exit codes, where output goes, --help, and bad input
// (binary garbage, a 10 MB line, invalid UTF-8, a truncated .gz, an unreadable file) that is
// counted and reported while the rest of the input is still read.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <random>

#include "tests/test_paths.h"

namespace spraytrace {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = testing::SpraytraceBinary();
    if (!fs::exists(binary_)) GTEST_SKIP() << "spraytrace binary not built: " << binary_;
    dir_ = fs::temp_directory_path() /
           ("spraytrace_cli_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Runs spraytrace with args (already shell-quoted), stdin from /dev/null.
  RunResult Run(const std::string& args) {
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    const std::string command = "'" + binary_ + "' " + args + " </dev/null >'" + out.string() +
                                "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = ReadFile(out);
    result.err = ReadFile(err);
    return result;
  }

  fs::path Write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  static std::string BruteForceLines(const std::string& ip, int count) {
    std::string text;
    for (int i = 0; i < count; ++i) {
      char line[160];
      std::snprintf(line, sizeof(line),
                    "Nov  3 02:10:%02d web1 sshd[%d]: Failed password for root from %s port %d "
                    "ssh2\n",
                    i * 2, 500 + i, ip.c_str(), 40000 + i);
      text += line;
    }
    return text;
  }

  std::string binary_;
  fs::path dir_;
};

// Lines of stdout that are findings, as (rule.name, first related.ip).
std::vector<std::pair<std::string, std::string>> Findings(const std::string& jsonl) {
  std::vector<std::pair<std::string, std::string>> out;
  simdjson::dom::parser parser;
  size_t start = 0;
  while (start < jsonl.size()) {
    const size_t end = jsonl.find('\n', start);
    const std::string line = jsonl.substr(start, end - start);
    start = end == std::string::npos ? jsonl.size() : end + 1;
    if (line.empty()) continue;
    simdjson::dom::element doc = parser.parse(line);
    out.emplace_back(std::string(std::string_view(doc["rule"]["name"])),
                     std::string(std::string_view(doc["related"]["ip"].at(0))));
  }
  return out;
}

TEST_F(CliTest, SampleLogFindsItsFourAttacksAndExitsOne) {
  const fs::path sample = testing::SourceDir() / "examples" / "sample-auth.log";
  const RunResult r = Run("scan '" + sample.string() + "' --year 2026");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto findings = Findings(r.out);
  const auto has = [&](const std::string& rule, const std::string& ip) {
    return std::count(findings.begin(), findings.end(), std::make_pair(rule, ip)) == 1;
  };
  EXPECT_TRUE(has("brute_force", "203.0.113.45")) << r.out;
  EXPECT_TRUE(has("single_source_spray", "198.51.100.23")) << r.out;
  EXPECT_TRUE(has("single_source_spray", "2001:db8:77::5")) << r.out;
  EXPECT_TRUE(has("brute_force", "192.0.2.77")) << r.out;
  EXPECT_EQ(findings.size(), 4u) << "the office NAT, home users and scanners stay quiet:\n"
                                 << r.out;
}

TEST_F(CliTest, QuietInputExitsZeroWithNoFindings) {
  const fs::path quiet = Write("quiet.log",
                               "Nov  3 09:00:00 web1 sshd[1]: Accepted publickey for ana from "
                               "192.0.2.1 port 5000 ssh2: ED25519 SHA256:abc\n");
  const RunResult r = Run("scan '" + quiet.string() + "'");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(CliTest, UsageAndSettingErrorsExitTwoWithAClearMessage) {
  RunResult r = Run("scan '" + (dir_ / "missing.log").string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("nothing could be read"), std::string::npos) << r.err;

  const fs::path log = Write("a.log", BruteForceLines("192.0.2.9", 6));
  r = Run("scan '" + log.string() + "' --set brute_force.max_failures=0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("brute_force.max_failures '0'"), std::string::npos) << r.err;

  const fs::path config = Write("bad.toml", "[spray]\nwindow = 12\n");
  r = Run("scan '" + log.string() + "' --config '" + config.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("invalid spray.window '12'"), std::string::npos) << r.err;

  r = Run("scan --no-such-flag");
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(CliTest, HelpTeachesWithExamples) {
  const RunResult r = Run("scan --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("Examples:"), std::string::npos);
  EXPECT_NE(r.out.find("--findings"), std::string::npos);
  EXPECT_NE(r.out.find("--report"), std::string::npos);
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  EXPECT_EQ(Run("--help").exit_code, 0);
}

TEST_F(CliTest, PrintedConfigLoadsBackUnchanged) {
  const RunResult printed = Run("scan --print-config --set slow.min_failures=12");
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  const fs::path config = Write("printed.toml", printed.out);
  const RunResult again = Run("scan --print-config --config '" + config.string() + "'");
  EXPECT_EQ(again.out, printed.out);
  EXPECT_NE(again.out.find("min_failures = 12"), std::string::npos);
}

TEST_F(CliTest, FindingsFileAndSummaryOnRequest) {
  const fs::path log = Write("bf.log", BruteForceLines("192.0.2.10", 8));
  const fs::path findings = dir_ / "findings.jsonl";
  const RunResult r =
      Run("scan '" + log.string() + "' --findings '" + findings.string() + "' --summary");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Findings(ReadFile(findings)).size(), 1u);
  EXPECT_NE(r.out.find("Findings: 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("192.0.2.10"), std::string::npos);
}

TEST_F(CliTest, HtmlReportIsWrittenBesideTheFindings) {
  const fs::path sample = testing::SourceDir() / "examples" / "sample-auth.log";
  const fs::path report = dir_ / "report.html";
  const RunResult r = Run("scan '" + sample.string() + "' --year 2026 --report '" +
                          report.string() + "' --findings /dev/null --summary");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string page = ReadFile(report);
  ASSERT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u) << page.substr(0, 200);
  for (const char* source : {"203.0.113.45", "198.51.100.23", "2001:db8:77::5", "192.0.2.77"}) {
    EXPECT_NE(page.find(source), std::string::npos) << source;
  }
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_NE(r.out.find("Report: " + report.string() + " ("), std::string::npos) << r.out;

  const RunResult bad = Run("scan '" + sample.string() + "' --report /nonexistent/dir/r.html");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("cannot write the report to '/nonexistent/dir/r.html'"), std::string::npos)
      << bad.err;
}

std::string Gzip(const std::string& text) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST_F(CliTest, BadInputIsCountedAndTheRestIsStillRead) {
  std::mt19937 random(42);
  std::string garbage(64 * 1024, '\0');
  for (char& c : garbage) c = static_cast<char>(random());
  Write("garbage.bin", garbage);
  // A 10 MB line between two halves of a brute force: both halves must still count.
  Write("long.log", BruteForceLines("192.0.2.20", 3) + std::string(10 << 20, 'A') + "\n" +
                        BruteForceLines("192.0.2.20", 3));
  Write("utf8.log",
        "Nov  3 02:11:00 web1 sshd[9]: Failed password for invalid user r\xff\xfe"
        "ot from 192.0.2.30 port 1 ssh2\n");
  // The gzip is cut in half: the complete lines before the cut are read.
  const std::string gz = Gzip(BruteForceLines("192.0.2.40", 400));
  Write("cut.log.gz", gz.substr(0, gz.size() / 2));
  const RunResult r = Run("scan '" + dir_.string() + "' '" + (dir_ / "nope.log").string() +
                          "' --summary --findings '" + (dir_ / "f.jsonl").string() + "'");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  for (const char* kind :
       {"line_too_long", "binary_line", "invalid_utf8", "truncated_gzip", "unreadable_file"}) {
    EXPECT_NE(r.out.find(kind), std::string::npos) << kind << "\n" << r.out;
  }
  const auto findings = Findings(ReadFile(dir_ / "f.jsonl"));
  EXPECT_EQ(std::count(findings.begin(), findings.end(),
                       std::make_pair(std::string("brute_force"), std::string("192.0.2.20"))),
            1)
      << "the lines around the 10 MB line were read";
  EXPECT_EQ(std::count(findings.begin(), findings.end(),
                       std::make_pair(std::string("brute_force"), std::string("192.0.2.40"))),
            1)
      << "the lines before the gzip cut were read";
  EXPECT_EQ(r.out.find('\xff'), std::string::npos) << "raw invalid bytes never reach the terminal";
}

TEST_F(CliTest, UnknownFormatIsAUsageErrorNamingTheFamilies) {
  const fs::path log = Write("auth.log", BruteForceLines("203.0.113.45", 6));
  const RunResult r = Run("scan --format splunk '" + log.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("invalid --format 'splunk': must be one of sshd"), std::string::npos)
      << r.err;
}

TEST_F(CliTest, CsvExportWithColumnMappingFindsTheSpray) {
  std::string csv = "Time,Account,ClientIP,Result\n";
  for (int i = 0; i < 30; ++i) {
    char row[128];
    std::snprintf(row, sizeof(row),
                  "2026-11-03 02:%02d:00,user%02d@corp.example,198.51.100.9,"
                  "Failure\n",
                  i, i);
    csv += row;
  }
  const fs::path path = Write("export.csv", csv);
  const RunResult r = Run("scan '" + path.string() +
                          "' --csv-columns time=Time,user=Account,source=ClientIP,outcome=Result "
                          "--findings -");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("\"single_source_spray\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("198.51.100.9"), std::string::npos);
  const RunResult unmapped = Run("scan '" + path.string() + "' --summary --findings -");
  EXPECT_EQ(unmapped.exit_code, 0);
  EXPECT_NE(unmapped.err.find("unrecognised_file"), std::string::npos) << unmapped.err;
}

}  // namespace
}  // namespace spraytrace
