// Test helpers for ingest tests: a per-test temporary directory and in-process compressors, so
// the tests need no external tools. Test-only; not part of spraytrace_ingest.
#ifndef SPRAYTRACE_INGEST_TEST_FILES_H_
#define SPRAYTRACE_INGEST_TEST_FILES_H_

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace spraytrace::ingest::testing {

// A pipe whose writer stays open between writes, as `journalctl -f | spraytrace scan -` leaves
// it: Write() text, read it from path(). So that a test waiting for lines a reader holds back
// fails instead of hanging, the writer gives up and closes the pipe after `give_up` (gave_up()
// then says so), or at Close().
class QuietPipe {
 public:
  explicit QuietPipe(std::chrono::seconds give_up = std::chrono::seconds(30)) {
    EXPECT_EQ(::pipe(fds_), 0);
    watchdog_ = std::thread([this, give_up] {
      std::unique_lock<std::mutex> lock(mutex_);
      if (!changed_.wait_for(lock, give_up, [&] { return closed_; })) {
        gave_up_ = true;
        CloseLocked();
      }
    });
  }
  QuietPipe(const QuietPipe&) = delete;
  QuietPipe& operator=(const QuietPipe&) = delete;
  ~QuietPipe() {
    Close();
    watchdog_.join();
    ::close(fds_[0]);
  }

  std::string path() const { return "/proc/self/fd/" + std::to_string(fds_[0]); }
  void Write(std::string_view text) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_) return;
    EXPECT_EQ(::write(fds_[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
  }
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      CloseLocked();
    }
    changed_.notify_all();
  }
  bool gave_up() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return gave_up_;
  }

 private:
  void CloseLocked() {
    if (closed_) return;
    ::close(fds_[1]);
    closed_ = true;
  }

  int fds_[2] = {-1, -1};
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool closed_ = false;   // GUARDED_BY(mutex_)
  bool gave_up_ = false;  // GUARDED_BY(mutex_)
  std::thread watchdog_;
};

// A fresh directory under the system temp dir, named after the running test; removed with
// everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("spraytrace_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
             std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }

  // Writes bytes to name (relative to the directory, parents created) and returns the path.
  std::string Write(const std::string& name, std::string_view bytes) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// One gzip member holding text (deflate with a gzip header: windowBits 15 + 16).
inline std::string GzipCompress(std::string_view text) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// The decompressed bytes zlib can recover from a damaged or cut gzip member.
inline std::string GunzipPrefix(std::string_view compressed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 32), Z_OK);
  std::string out;
  char chunk[4096];
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof(chunk);
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof(chunk) - stream.avail_out);
  }
  inflateEnd(&stream);
  return out;
}

// One zstd frame holding text.
inline std::string ZstdCompress(std::string_view text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  const size_t size = ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3);
  EXPECT_FALSE(ZSTD_isError(size));
  out.resize(size);
  return out;
}

}  // namespace spraytrace::ingest::testing

#endif  // SPRAYTRACE_INGEST_TEST_FILES_H_
