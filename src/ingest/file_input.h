// FileInput: an open file descriptor read with read(2), with a small look-ahead for magic bytes.
//
// Owns the descriptor (except stdin, which it leaves open). Peek() reads ahead without consuming,
// so compression can be sniffed on a pipe as well as on a file; Read() hands out the peeked bytes
// first. Not thread-safe; movable, not copyable.
#ifndef SPRAYTRACE_INGEST_FILE_INPUT_H_
#define SPRAYTRACE_INGEST_FILE_INPUT_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/status.h"

namespace spraytrace::ingest {

class FileInput {
 public:
  // Opens path for reading, or stdin when path is "-".
  // Errors: kNotFound (missing path or parent), kIoError (permission denied, a directory, ...).
  // Messages name the path and the operating system's reason.
  static Result<FileInput> Open(const std::string& path);

  FileInput(FileInput&& other) noexcept;
  FileInput& operator=(FileInput&& other) noexcept;
  FileInput(const FileInput&) = delete;
  FileInput& operator=(const FileInput&) = delete;
  ~FileInput();

  // Reads ahead until at least n bytes (n <= kMaxPeek) are buffered or the input ends, and
  // returns the buffered bytes (shorter than n only at end of input). Consumes nothing.
  Result<std::string_view> Peek(size_t n);

  // Reads up to size bytes into data; 0 means end of input. Retries EINTR.
  Result<size_t> Read(char* data, size_t size);

  // Bytes handed out by Read() so far.
  uint64_t bytes_read() const { return bytes_read_; }
  const std::string& path() const { return path_; }

  static constexpr size_t kMaxPeek = 16;

 private:
  FileInput(int fd, bool owned, std::string path)
      : fd_(fd), owned_(owned), path_(std::move(path)) {}
  Result<size_t> ReadFromFd(char* data, size_t size);
  void Close();

  int fd_ = -1;
  bool owned_ = false;
  std::string path_;
  std::array<char, kMaxPeek> peek_{};
  size_t peek_begin_ = 0;
  size_t peek_end_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace spraytrace::ingest

#endif  // SPRAYTRACE_INGEST_FILE_INPUT_H_
