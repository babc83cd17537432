#include "ingest/file_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace spraytrace::ingest {
namespace {

// strerror() is not thread-safe; std::generic_category().message() is.
std::string ErrnoText(int error) { return std::generic_category().message(error); }

Status OpenError(const std::string& path, int error) {
  std::string message = "cannot open '" + path + "': " + ErrnoText(error);
  if (error == ENOENT || error == ENOTDIR) return Status::NotFound(std::move(message));
  return Status::IoError(std::move(message));
}

}  // namespace

Result<FileInput> FileInput::Open(const std::string& path) {
  if (path == "-") return FileInput(STDIN_FILENO, /*owned=*/false, path);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OpenError(path, errno);
  FileInput input(fd, /*owned=*/true, path);
  struct stat info {};
  if (::fstat(fd, &info) != 0) return OpenError(path, errno);
  // open(2) succeeds on a directory; read(2) would then fail with EISDIR. Say so up front.
  if (S_ISDIR(info.st_mode)) return OpenError(path, EISDIR);
  if (S_ISREG(info.st_mode)) ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return input;
}

FileInput::FileInput(FileInput&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      owned_(std::exchange(other.owned_, false)),
      path_(std::move(other.path_)),
      peek_(other.peek_),
      peek_begin_(other.peek_begin_),
      peek_end_(other.peek_end_),
      bytes_read_(other.bytes_read_) {}

FileInput& FileInput::operator=(FileInput&& other) noexcept {
  if (this != &other) {
    Close();
    fd_ = std::exchange(other.fd_, -1);
    owned_ = std::exchange(other.owned_, false);
    path_ = std::move(other.path_);
    peek_ = other.peek_;
    peek_begin_ = other.peek_begin_;
    peek_end_ = other.peek_end_;
    bytes_read_ = other.bytes_read_;
  }
  return *this;
}

FileInput::~FileInput() { Close(); }

void FileInput::Close() {
  if (owned_ && fd_ >= 0) ::close(fd_);
  fd_ = -1;
  owned_ = false;
}

Result<std::string_view> FileInput::Peek(size_t n) {
  if (n > kMaxPeek) n = kMaxPeek;
  if (peek_begin_ > 0) {
    std::memmove(peek_.data(), peek_.data() + peek_begin_, peek_end_ - peek_begin_);
    peek_end_ -= peek_begin_;
    peek_begin_ = 0;
  }
  while (peek_end_ < n) {
    Result<size_t> got = ReadFromFd(peek_.data() + peek_end_, kMaxPeek - peek_end_);
    if (!got) return got.error();
    if (*got == 0) break;
    peek_end_ += *got;
  }
  return std::string_view(peek_.data(), peek_end_);
}

Result<size_t> FileInput::Read(char* data, size_t size) {
  if (peek_begin_ < peek_end_) {
    const size_t n = std::min(size, peek_end_ - peek_begin_);
    std::memcpy(data, peek_.data() + peek_begin_, n);
    peek_begin_ += n;
    bytes_read_ += n;
    return n;
  }
  Result<size_t> got = ReadFromFd(data, size);
  if (got) bytes_read_ += *got;
  return got;
}

Result<size_t> FileInput::ReadFromFd(char* data, size_t size) {
  for (;;) {
    const ssize_t n = ::read(fd_, data, size);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno != EINTR) {
      return Status::IoError("cannot read '" + path_ + "': " + ErrnoText(errno));
    }
  }
}

}  // namespace spraytrace::ingest
