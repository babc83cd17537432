// The snapshot file: round trip, atomic replacement, and every kind of damage (cut short, a
// flipped bit anywhere, another format version, not a state file at all) refused with a message
// that says which.
#include "store/snapshot_file.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace spraytrace::store {
namespace {

namespace fs = std::filesystem;

class SnapshotFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spraytrace_snapshot_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    path_ = (dir_ / "state.bin").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static SnapshotHeader Header() {
    SnapshotHeader h;
    h.spraytrace_version = "0.1.0";
    h.settings = "[brute_force]\nmax_failures = 5\n";
    h.clock = 1'730'505'600'000'000;
    h.written_at = 1'730'600'000'000'000;
    return h;
  }
  // A body with enough repetition to compress and enough variety to be realistic.
  static std::string Body() {
    std::string body;
    std::mt19937 random(7);
    for (int i = 0; i < 5000; ++i) body += "source " + std::to_string(random() % 977) + ";";
    return body;
  }
  std::string Bytes() const {
    std::ifstream in(path_, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  void Put(const std::string& bytes) const { std::ofstream(path_, std::ios::binary) << bytes; }

  fs::path dir_;
  std::string path_;
};

TEST_F(SnapshotFileTest, RoundTripsHeaderAndBody) {
  for (const bool compressed : {true, false}) {
    SnapshotHeader header = Header();
    header.compressed = compressed;
    ASSERT_TRUE(WriteSnapshotFile(path_, header, Body()).ok());
    Result<Snapshot> read = ReadSnapshotFile(path_);
    ASSERT_TRUE(read.has_value()) << read.error().message();
    EXPECT_EQ(read->body, Body());
    EXPECT_EQ(read->header.spraytrace_version, "0.1.0");
    EXPECT_EQ(read->header.settings, header.settings);
    EXPECT_EQ(read->header.settings_fingerprint, Fingerprint(header.settings));
    EXPECT_EQ(read->header.clock, header.clock);
    EXPECT_EQ(read->header.written_at, header.written_at);
    EXPECT_EQ(read->header.compressed, compressed);
    EXPECT_EQ(read->file_bytes, fs::file_size(path_));
    if (compressed) {
      EXPECT_LT(read->file_bytes, Body().size() / 2) << "zstd pays off";
    }
  }
}

TEST_F(SnapshotFileTest, ReplacesAtomicallyWithPrivateModeAndNoTemporaryLeft) {
  ASSERT_TRUE(WriteSnapshotFile(path_, Header(), "first").ok());
  ASSERT_TRUE(WriteSnapshotFile(path_, Header(), "second").ok());
  EXPECT_EQ(ReadSnapshotFile(path_)->body, "second");
  struct stat info {};
  ASSERT_EQ(::stat(path_.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u) << "state names accounts and addresses";
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 1u) << "no temporary file left beside the state";
}

TEST_F(SnapshotFileTest, FailedWriteLeavesTheOldFile) {
  ASSERT_TRUE(WriteSnapshotFile(path_, Header(), "old").ok());
  // A folder where the state should go cannot be replaced by rename.
  const std::string folder = (dir_ / "taken").string();
  fs::create_directories(fs::path(folder) / "inside");
  const Status s = WriteSnapshotFile(folder, Header(), "new");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("taken"), std::string::npos) << s.message();
  EXPECT_EQ(ReadSnapshotFile(path_)->body, "old");
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 2u) << "the state and the folder, no temporary file";
  EXPECT_FALSE(WriteSnapshotFile((dir_ / "no" / "such" / "dir").string(), Header(), "x").ok());
}

TEST_F(SnapshotFileTest, MissingFileIsNotFound) {
  const Result<Snapshot> read = ReadSnapshotFile(path_);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), ErrorCode::kNotFound);
  const Result<Snapshot> folder = ReadSnapshotFile(dir_.string());
  ASSERT_FALSE(folder.has_value());
  EXPECT_EQ(folder.error().code(), ErrorCode::kInvalidArgument);
}

TEST_F(SnapshotFileTest, EveryTruncationIsRefused) {
  ASSERT_TRUE(WriteSnapshotFile(path_, Header(), Body()).ok());
  const std::string good = Bytes();
  for (size_t cut = 0; cut < good.size(); cut += cut < 200 ? 1 : 97) {
    Put(good.substr(0, cut));
    const Result<Snapshot> read = ReadSnapshotFile(path_);
    ASSERT_FALSE(read.has_value()) << "cut at " << cut;
    EXPECT_EQ(read.error().code(), ErrorCode::kCorruption) << read.error().message();
  }
  Put(good.substr(0, good.size() - 1));
  EXPECT_NE(ReadSnapshotFile(path_).error().message().find("truncated"), std::string::npos);
  Put(good + "x");
  EXPECT_NE(ReadSnapshotFile(path_).error().message().find("after the end"), std::string::npos);
}

TEST_F(SnapshotFileTest, EveryFlippedBitIsRefused) {
  SnapshotHeader header = Header();
  header.compressed = false;  // small enough to flip every bit of
  ASSERT_TRUE(WriteSnapshotFile(path_, header, "a small body").ok());
  const std::string good = Bytes();
  for (size_t byte = 0; byte < good.size(); ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = good;
      bad[byte] = static_cast<char>(bad[byte] ^ (1 << bit));
      Put(bad);
      const Result<Snapshot> read = ReadSnapshotFile(path_);
      ASSERT_FALSE(read.has_value()) << "byte " << byte << " bit " << bit;
      EXPECT_EQ(read.error().code(), ErrorCode::kCorruption)
          << "byte " << byte << ": " << read.error().message();
    }
  }
  // Named for where the damage is.
  std::string bad = good;
  bad.back() = static_cast<char>(bad.back() ^ 1);
  Put(bad);
  EXPECT_NE(ReadSnapshotFile(path_).error().message().find("body's checksum"), std::string::npos);
  bad = good;
  bad[30] = static_cast<char>(bad[30] ^ 1);
  Put(bad);
  EXPECT_NE(ReadSnapshotFile(path_).error().message().find("header's checksum"), std::string::npos);
}

TEST_F(SnapshotFileTest, CompressedBodyDamageIsRefused) {
  ASSERT_TRUE(WriteSnapshotFile(path_, Header(), Body()).ok());
  const std::string good = Bytes();
  std::mt19937 random(11);
  for (int i = 0; i < 200; ++i) {
    std::string bad = good;
    const size_t at = 200 + random() % (good.size() - 200);
    bad[at] = static_cast<char>(bad[at] ^ (1 << (random() % 8)));
    Put(bad);
    const Result<Snapshot> read = ReadSnapshotFile(path_);
    ASSERT_FALSE(read.has_value()) << "byte " << at;
  }
}

TEST_F(SnapshotFileTest, OtherFormatVersionIsNamed) {
  ASSERT_TRUE(WriteSnapshotFile(path_, Header(), "body").ok());
  std::string bytes = Bytes();
  // The next version with a matching header checksum: a file from a future spraytrace, not
  // damage.
  const uint32_t future = kSnapshotFormatVersion + 1;
  bytes[16] = static_cast<char>(future);
  const uint32_t head_size = static_cast<uint8_t>(bytes[20]) | static_cast<uint8_t>(bytes[21]) << 8;
  const size_t head_end = 24 + head_size;
  const auto crc = static_cast<uint32_t>(crc32(crc32(0L, Z_NULL, 0),
                                               reinterpret_cast<const Bytef*>(bytes.data() + 16),
                                               static_cast<uInt>(head_end - 16)));
  for (int i = 0; i < 4; ++i) bytes[head_end + i] = static_cast<char>(crc >> (8 * i));
  Put(bytes);
  const Result<Snapshot> read = ReadSnapshotFile(path_);
  ASSERT_FALSE(read.has_value());
  EXPECT_EQ(read.error().code(), ErrorCode::kUnsupported);
  EXPECT_NE(read.error().message().find(fmt::format("format version {}", future)),
            std::string::npos)
      << read.error().message();
  EXPECT_NE(read.error().message().find(fmt::format("reads version {}", kSnapshotFormatVersion)),
            std::string::npos);
}

TEST_F(SnapshotFileTest, OtherFilesAreNotStateFiles) {
  Put("Nov  3 02:10:00 web1 sshd[1]: Failed password for root from 192.0.2.1 port 1 ssh2\n");
  const Result<Snapshot> read = ReadSnapshotFile(path_);
  ASSERT_FALSE(read.has_value());
  EXPECT_NE(read.error().message().find("not a spraytrace state file"), std::string::npos);
  Put("");
  EXPECT_FALSE(ReadSnapshotFile(path_).has_value());
}

}  // namespace
}  // namespace spraytrace::store
