// The HTML report in a real browser (headless Chromium): the covert-network scenario's report
// and a report of hostile usernames load with no console message at all (no script ran, no
// Content-Security-Policy violation, nothing fetched), the hostile names are text in the
// rendered DOM, and screenshots at desktop and phone width are kept as test artefacts under
// build/<preset>/artefacts/browser/. A control page proves the console check sees a script run.
// Skips, saying so, when chromium is not installed (scripts/install-deps.sh installs it).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "tests/test_paths.h"

namespace spraytrace {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int System(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// (Appended piecewise: GCC 12 warns falsely, -Wrestrict, on "'" + s + "'".)
std::string Quote(const fs::path& path) {
  std::string quoted = "'";
  quoted += path.string();
  quoted += '\'';
  return quoted;
}

// Width and height from a PNG's IHDR chunk; {0, 0} when the file is not a PNG.
std::pair<uint32_t, uint32_t> PngSize(const fs::path& path) {
  const std::string png = ReadFile(path);
  if (png.size() < 24 || png.compare(1, 3, "PNG") != 0) return {0, 0};
  const auto be32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

struct PageLoad {
  int exit_code = -1;
  std::string dom;                   // --dump-dom: the document after load, serialised
  std::vector<std::string> console;  // lines Chromium logged for the page's console
  std::string log;
};

class ReportBrowserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = testing::SpraytraceBinary();
    if (!fs::exists(binary_)) GTEST_SKIP() << "spraytrace binary not built: " << binary_;
    for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
      if (fs::exists(candidate)) chromium_ = candidate;
    }
    if (chromium_.empty()) {
      GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh installs it)";
    }
    dir_ = fs::temp_directory_path() /
           ("spraytrace_browser_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    artefacts_ = SPRAYTRACE_ARTEFACT_DIR;
    fs::create_directories(artefacts_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Runs Chromium headless on page with a fresh profile and no network features; `mode` is
  // "--dump-dom" or "--screenshot=FILE --window-size=W,H".
  PageLoad Load(const fs::path& page, const std::string& mode) {
    const fs::path profile = dir_ / ("profile" + std::to_string(++loads_));
    const fs::path out = dir_ / "chromium.out", err = dir_ / "chromium.err";
    const std::string command =
        "timeout 60 " + chromium_ +
        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
        " --disable-background-networking --disable-component-update --disable-sync"
        " --hide-scrollbars --enable-logging=stderr --v=0 --user-data-dir=" +
        Quote(profile) + " " + mode + " " + Quote("file://" + page.string()) + " >" + Quote(out) +
        " 2>" + Quote(err) + " </dev/null";
    PageLoad load;
    load.exit_code = System(command);
    load.dom = ReadFile(out);
    load.log = ReadFile(err);
    std::istringstream lines(load.log);
    for (std::string line; std::getline(lines, line);) {
      if (line.find(":CONSOLE") != std::string::npos) load.console.push_back(line);
    }
    return load;
  }

  // Scans log (sshd syslog of 2026) into a report; returns its path.
  fs::path Report(const fs::path& log, const std::string& name) {
    const fs::path report = dir_ / name;
    const int code = System("'" + binary_ + "' scan " + Quote(log) + " --year 2026 --report " +
                            Quote(report) + " --findings /dev/null --no-summary");
    EXPECT_EQ(code, 1) << "findings expected in " << log;
    return report;
  }

  void Screenshot(const fs::path& page, const std::string& name, int width, int height) {
    const fs::path png = artefacts_ / name;
    fs::remove(png);
    const PageLoad shot =
        Load(page, "--screenshot=" + Quote(png) + " --window-size=" + std::to_string(width) + "," +
                       std::to_string(height));
    EXPECT_EQ(shot.exit_code, 0) << shot.log;
    EXPECT_TRUE(shot.console.empty()) << shot.console.front();
    const auto [w, h] = PngSize(png);
    EXPECT_EQ(w, static_cast<uint32_t>(width)) << png;
    EXPECT_EQ(h, static_cast<uint32_t>(height)) << png;
  }

  static void ExpectNoConsole(const PageLoad& load) {
    ASSERT_EQ(load.exit_code, 0) << load.log;
    ASSERT_NE(load.dom.find("</html>"), std::string::npos) << "no DOM dumped:\n" << load.log;
    for (const std::string& line : load.console) ADD_FAILURE() << "console: " << line;
  }

  std::string binary_;
  std::string chromium_;
  fs::path dir_;
  fs::path artefacts_;
  int loads_ = 0;
};

TEST_F(ReportBrowserTest, ConsoleCheckSeesAScriptThatRuns) {
  const fs::path control = dir_ / "control.html";
  std::ofstream(control) << "<!DOCTYPE html><html><head><title>before</title></head><body>"
                            "<script>console.log('control ran');document.title='after'</script>"
                            "</body></html>";
  const PageLoad load = Load(control, "--dump-dom");
  ASSERT_EQ(load.exit_code, 0) << load.log;
  ASSERT_EQ(load.console.size(), 1u) << load.log;
  EXPECT_NE(load.console[0].find("control ran"), std::string::npos);
  EXPECT_NE(load.dom.find("<title>after</title>"), std::string::npos);
}

TEST_F(ReportBrowserTest, HostileNamesNeitherRunNorBecomeMarkup) {
  // The file name is hostile too: it is cited in the evidence and the input section.
  const fs::path log = dir_ / "hostile\"><img src=x onerror=alert(5)>.log";
  fs::copy_file(testing::SourceDir() / "tests" / "browser" / "hostile-names.log", log);
  const fs::path report = Report(log, "hostile.html");
  const PageLoad load = Load(report, "--dump-dom");
  ExpectNoConsole(load);
  for (const char* markup : {"<script", "<img", "<svg onload", "onerror=\"", "onload=\""}) {
    EXPECT_EQ(load.dom.find(markup), std::string::npos) << markup << " in the rendered DOM";
  }
  // The names are there, as text (the DOM serialiser escapes < > & in text, " in attributes).
  for (const char* text :
       {"&lt;script&gt;alert(1)&lt;/script&gt;", "\"&gt;&lt;img src=x onerror=alert(1)&gt;",
        "'&gt;&lt;svg onload=alert(1)&gt;", "admin&lt;/title&gt;&lt;script&gt;alert(2)",
        "&lt;/text&gt;&lt;script&gt;alert(3)", "&amp;lt;b&amp;gt;entity",
        "hostile\"&gt;&lt;img src=x onerror=alert(5)&gt;.log:1"}) {
    EXPECT_NE(load.dom.find(text), std::string::npos) << text;
  }
  // In SVG: the top-accounts chart's tooltip and label (6 failures from the brute force, 1 from
  // the spray).
  EXPECT_NE(load.dom.find("<title>&lt;script&gt;alert(1)&lt;/script&gt;: 7</title>"),
            std::string::npos);
  EXPECT_NE(load.dom.find("end\">&lt;script&gt;alert(1)&lt;/script&gt;</text>"), std::string::npos);
  EXPECT_NE(load.dom.find("<title>spraytrace report: 0 compromised accounts, 0 campaigns</title>"),
            std::string::npos);
  Screenshot(report, "report-hostile-names.png", 1280, 1400);
}

TEST_F(ReportBrowserTest, CovertNetworkReportRendersCleanOnDesktopAndPhone) {
  const fs::path sim = dir_ / "sim";
  ASSERT_EQ(System("'" + binary_ +
                   "' simulate --preset covert-network --days 3 --users 300 "
                   "--seed 2 --out " +
                   Quote(sim) + " >/dev/null"),
            0);
  const fs::path report = Report(sim / "auth.log", "covert.html");
  fs::copy_file(report, artefacts_ / "report-covert-network.html",
                fs::copy_options::overwrite_existing);
  const PageLoad load = Load(report, "--dump-dom");
  ExpectNoConsole(load);
  EXPECT_EQ(load.dom.find("<script"), std::string::npos);
  EXPECT_NE(load.dom.find("id=\"campaign-1\""), std::string::npos);
  EXPECT_NE(load.dom.find("<svg class=\"chart timeline\""), std::string::npos);
  EXPECT_NE(load.dom.find("<g class=\"mark\""), std::string::npos) << "a compromise on the axis";
  Screenshot(report, "report-covert-network.png", 1280, 2000);
  Screenshot(report, "report-covert-network-phone.png", 390, 1600);
}

}  // namespace
}  // namespace spraytrace
