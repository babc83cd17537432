#include "ingest/input_set.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "ingest/rotation_name.h"
#include "ingest/test_files.h"

namespace spraytrace::ingest {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;
using testing::TempDir;

// Paths relative to dir, for readable expectations.
std::vector<std::string> Relative(const std::vector<std::string>& paths, const TempDir& dir) {
  std::vector<std::string> relative;
  for (const std::string& path : paths) {
    relative.push_back(path == "-" ? path : fs::path(path).lexically_relative(dir.path()).string());
  }
  return relative;
}

TEST(RotationName, ParsesSuffixes) {
  RotationName name = ParseRotationName("auth.log.2.gz");
  EXPECT_EQ(name.family, "auth.log");
  EXPECT_EQ(name.kind, RotationName::Kind::kNumbered);
  EXPECT_EQ(name.number, 2u);
  name = ParseRotationName("auth.log-20240101.gz");
  EXPECT_EQ(name.family, "auth.log");
  EXPECT_EQ(name.kind, RotationName::Kind::kDated);
  EXPECT_EQ(name.date, "20240101");
  name = ParseRotationName("auth.log.gz");
  EXPECT_EQ(name.family, "auth.log");
  EXPECT_EQ(name.kind, RotationName::Kind::kCurrent);
  EXPECT_EQ(ParseRotationName("messages").family, "messages");
  EXPECT_EQ(ParseRotationName(".1").kind, RotationName::Kind::kCurrent);
  EXPECT_EQ(ParseRotationName("log2").kind, RotationName::Kind::kCurrent);
}

TEST(InputSet, RotationOrderIsOldestFirstWithinEachFamily) {
  const std::vector<std::string> expected = {"auth.log-20231231",
                                             "auth.log-20240101.gz",
                                             "auth.log.10.gz",
                                             "auth.log.3",
                                             "auth.log.2.gz",
                                             "auth.log.1",
                                             "auth.log",
                                             "btmp",
                                             "secure-20240107.zst",
                                             "secure",
                                             "syslog.1",
                                             "syslog"};
  std::vector<std::string> names = expected;
  std::shuffle(names.begin(), names.end(), std::mt19937(3));
  std::sort(names.begin(), names.end(), RotationOrderLess);
  EXPECT_EQ(names, expected);
}

TEST(InputSet, RotationOrderGroupsByDirectory) {
  std::vector<std::string> paths = {"logs/old/auth.log.1", "logs/auth.log", "logs/auth.log.1",
                                    "logs-old/auth.log"};
  std::sort(paths.begin(), paths.end(), RotationOrderLess);
  EXPECT_THAT(paths, ElementsAre("logs/auth.log.1", "logs/auth.log", "logs/old/auth.log.1",
                                 "logs-old/auth.log"));
}

TEST(InputSet, WalksDirectoriesRecursivelyInRotationOrder) {
  TempDir dir;
  for (const char* name :
       {"logs/auth.log", "logs/auth.log.1", "logs/auth.log.2.gz", "logs/auth.log-20240101.gz",
        "logs/syslog", "logs/syslog.1", "logs/archive/auth.log.9.gz", "logs/.hidden.log",
        "logs/.git/objects.log"}) {
    dir.Write(name, name);
  }
  fs::create_directory_symlink(dir.path() / "logs", dir.path() / "logs" / "loop");
  fs::create_symlink(dir.path() / "logs" / "syslog", dir.path() / "logs" / "zz-link-to-syslog");
  fs::create_symlink(dir.path() / "logs" / "gone", dir.path() / "logs" / "broken");
  Diagnostics diagnostics;
  const std::vector<std::string> inputs =
      ExpandInputs({(dir.path() / "logs").string()}, &diagnostics);
  EXPECT_THAT(
      Relative(inputs, dir),
      ElementsAre("logs/auth.log-20240101.gz", "logs/auth.log.2.gz", "logs/auth.log.1",
                  "logs/auth.log", "logs/syslog.1", "logs/syslog", "logs/archive/auth.log.9.gz"));
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(InputSet, SymlinkToAFileIsReadWhenItIsTheOnlyPath) {
  TempDir dir;
  dir.Write("target/real.log", "x");
  fs::create_directory(dir.path() / "logs");
  fs::create_symlink(dir.path() / "target" / "real.log", dir.path() / "logs" / "current.log");
  Diagnostics diagnostics;
  EXPECT_THAT(Relative(ExpandInputs({(dir.path() / "logs").string()}, &diagnostics), dir),
              ElementsAre("logs/current.log"));
}

TEST(InputSet, ExplicitPathsKeepTheirOrderExceptWithinAFamily) {
  TempDir dir;
  const std::string current = dir.Write("auth.log", "a");
  const std::string other = dir.Write("other.log", "b");
  const std::string rotated = dir.Write("auth.log.1", "c");
  const std::string hidden = dir.Write(".hidden", "d");
  Diagnostics diagnostics;
  const std::vector<std::string> inputs =
      ExpandInputs({current, other, "-", rotated, hidden}, &diagnostics);
  EXPECT_THAT(inputs, ElementsAre(rotated, other, "-", current, hidden));
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(InputSet, FileNamedTwiceIsReadOnce) {
  TempDir dir;
  const std::string file = dir.Write("auth.log", "a");
  const std::string other = dir.Write("other.log", "b");
  Diagnostics diagnostics;
  EXPECT_THAT(ExpandInputs({file, other, file, dir.path().string()}, &diagnostics),
              ElementsAre(file, other));
}

TEST(InputSet, MissingPathIsReportedAndSkipped) {
  TempDir dir;
  const std::string file = dir.Write("auth.log", "a");
  const std::string missing = (dir.path() / "nope.log").string();
  Diagnostics diagnostics;
  EXPECT_THAT(ExpandInputs({missing, file}, &diagnostics), ElementsAre(file));
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kUnreadableFile), 1u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kUnreadableFile).file, missing);
  EXPECT_THAT(diagnostics.Sample(DiagnosticKind::kUnreadableFile).detail,
              ::testing::HasSubstr("No such file or directory"));
}

TEST(InputSet, EmptyDirectoryGivesNoInputs) {
  TempDir dir;
  Diagnostics diagnostics;
  EXPECT_THAT(ExpandInputs({dir.path().string()}, &diagnostics), IsEmpty());
  EXPECT_EQ(diagnostics.Total(), 0u);
}

TEST(InputSet, UnreadableSubdirectoryIsCountedAndTheWalkGoesOn) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root: chmod 000 does not stop listing";
  TempDir dir;
  const std::string file = dir.Write("logs/auth.log", "a");
  dir.Write("logs/locked/auth.log.1", "b");
  const fs::path locked = dir.path() / "logs" / "locked";
  fs::permissions(locked, fs::perms::none);
  Diagnostics diagnostics;
  const std::vector<std::string> inputs =
      ExpandInputs({(dir.path() / "logs").string()}, &diagnostics);
  fs::permissions(locked, fs::perms::owner_all);
  EXPECT_THAT(inputs, ElementsAre(file));
  EXPECT_EQ(diagnostics.Count(DiagnosticKind::kUnreadableFile), 1u);
  EXPECT_EQ(diagnostics.Sample(DiagnosticKind::kUnreadableFile).file, locked.string());
}

}  // namespace
}  // namespace spraytrace::ingest
