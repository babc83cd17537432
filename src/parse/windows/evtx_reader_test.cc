#include "parse/windows/evtx_reader.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace spraytrace::parse {
namespace {

namespace fs = std::filesystem;

fs::path Datasets() { return fs::path(SPRAYTRACE_SOURCE_DIR) / ".." / "shared" / "datasets"; }

// A scratch directory for damaged copies of dataset files (never written into the repo).
class EvtxReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spraytrace-evtx-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path Write(std::string_view name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  static std::string Slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  fs::path dir_;
  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  EvtxReader reader_{&strings_, &diagnostics_};
};

TEST_F(EvtxReaderTest, MagicIsChecked) {
  EXPECT_TRUE(IsEvtxFile(Write("a.evtx", std::string("ElfFile\0\0\0", 10))));
  EXPECT_FALSE(IsEvtxFile(Write("b.log", "ElfFile is a word\n")));
  EXPECT_FALSE(IsEvtxFile(Write("c.log", "Elf")));
  EXPECT_FALSE(IsEvtxFile((dir_ / "missing").string()));
  EXPECT_FALSE(IsEvtxFile("-"));
}

TEST_F(EvtxReaderTest, GarbageWithTheMagicIsCountedNotACrash) {
  const fs::path path = Write("bad.evtx", std::string("ElfFile\0", 8) + std::string(5000, 'x'));
  EXPECT_FALSE(reader_.ReadFile(path.string(), 0, "bad.evtx", &sink_));
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kCorruptEvtx), 1u);
  EXPECT_TRUE(sink_.events.empty());
}

TEST_F(EvtxReaderTest, KerberosSprayFile) {
  const fs::path path = Datasets() / "evtx-attack-samples" / "kerberos_pwd_spray_4771.evtx";
  if (!fs::exists(path)) GTEST_SKIP() << "shared datasets not found at " << Datasets();
  ASSERT_TRUE(reader_.ReadFile(path.string(), 7, "kerberos.evtx", &sink_));
  EXPECT_EQ(reader_.stats().records, 12u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
  ASSERT_EQ(sink_.events.size(), 11u);  // all but the 1102 "log cleared"
  // Evidence cites the EventRecordID.
  EXPECT_EQ(sink_.events[0].where.file, 7u);
  EXPECT_EQ(sink_.events[0].where.line, 887107u);
  EXPECT_EQ(strings_.View(sink_.events[0].user), "HD01");
  EXPECT_EQ(sink_.events[0].reason, Reason::kUnknownUser);
  // libevtx's 9-digit SystemTime: 2020-07-22T20:29:36.414827100Z.
  EXPECT_EQ(sink_.events[0].time, ToTimestamp(CivilTime{2020, 7, 22, 20, 29, 36, 414827}));
}

// Recovered records that copy live ones (the same EventRecordID) are not counted twice.
TEST_F(EvtxReaderTest, RecoveredCopiesAreSkipped) {
  const fs::path path = Datasets() / "deepbluecli" / "password-spray.evtx";
  if (!fs::exists(path)) GTEST_SKIP() << "shared datasets not found at " << Datasets();
  ASSERT_TRUE(reader_.ReadFile(path.string(), 0, "password-spray.evtx", &sink_));
  EXPECT_EQ(reader_.stats().records, 295u);
  EXPECT_EQ(reader_.stats().recovered, 0u);  // libevtx finds 21, all copies
  EXPECT_EQ(sink_.events.size(), 294u);
}

// A file cut short: counted as damaged, every record before the cut still read.
TEST_F(EvtxReaderTest, TruncatedFileKeepsTheReadableRecords) {
  const fs::path original = Datasets() / "deepbluecli" / "smb-password-guessing-security.evtx";
  if (!fs::exists(original)) GTEST_SKIP() << "shared datasets not found at " << Datasets();
  const std::string bytes = Slurp(original);
  const fs::path cut = Write("cut.evtx", bytes.substr(0, 600000));
  ASSERT_TRUE(reader_.ReadFile(cut.string(), 0, "cut.evtx", &sink_));
  EXPECT_GE(diagnostics_.Count(DiagnosticKind::kCorruptEvtx), 1u);
  EXPECT_GT(sink_.events.size(), 500u);
  EXPECT_LT(sink_.events.size(), 3561u);
  for (const AuthEvent& e : sink_.events) EXPECT_EQ(e.source_ip.ToString(), "192.168.198.149");

  // Bytes overwritten in the middle of a chunk: the damaged chunk is lost, the rest is read.
  const fs::path spray = Datasets() / "deepbluecli" / "password-spray.evtx";
  std::string damaged = Slurp(spray);
  for (size_t i = 70000; i < 75000; ++i) damaged[i] = 'A';
  CollectingSink rest;
  Diagnostics diagnostics;
  EvtxReader reader(&strings_, &diagnostics);
  ASSERT_TRUE(reader.ReadFile(Write("damaged.evtx", damaged).string(), 0, "damaged.evtx", &rest));
  EXPECT_GE(diagnostics.Count(DiagnosticKind::kCorruptEvtx), 1u);
  EXPECT_GT(rest.events.size(), 200u);
  EXPECT_LT(rest.events.size(), 294u);
}

}  // namespace
}  // namespace spraytrace::parse
