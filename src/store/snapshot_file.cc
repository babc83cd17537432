#include "store/snapshot_file.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "store/state_encoder.h"

namespace spraytrace::store {
namespace {

constexpr size_t kMagicBytes = 16;
constexpr size_t kPrefixBytes = kMagicBytes + 4 + 4;  // magic, version, header length
constexpr size_t kHeaderTrailerBytes = 4 + 8 + 4;     // header CRC, body length, body CRC
// Larger than any bounded state (docs/detection.md gives the sizes); a header claiming more is
// damaged, and must not make the reader allocate it.
constexpr uint64_t kMaxBodyBytes = uint64_t{4} << 30;
constexpr uint64_t kMaxHeaderBytes = 1 << 20;
constexpr int kZstdLevel = 3;

static_assert(kSnapshotMagic.size() == kMagicBytes);

void AppendFixed(uint64_t value, size_t bytes, std::string* out) {
  for (size_t i = 0; i < bytes; ++i) out->push_back(static_cast<char>(value >> (8 * i)));
}

uint64_t ReadFixed(std::string_view in, size_t at, size_t bytes) {
  uint64_t value = 0;
  for (size_t i = 0; i < bytes; ++i) {
    value |= static_cast<uint64_t>(static_cast<uint8_t>(in[at + i])) << (8 * i);
  }
  return value;
}

uint32_t Crc32(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // zlib takes uInt lengths: feed large bodies in pieces.
  constexpr size_t kPiece = 1u << 30;
  for (size_t at = 0; at < bytes.size(); at += kPiece) {
    const size_t n = std::min(kPiece, bytes.size() - at);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + at), static_cast<uInt>(n));
  }
  return static_cast<uint32_t>(crc);
}

std::string EncodeHeader(const SnapshotHeader& h) {
  std::string out;
  const auto put_bytes = [&](std::string_view s) {
    AppendVarint(s.size(), &out);
    out.append(s);
  };
  put_bytes(h.spraytrace_version);
  put_bytes(h.settings);
  AppendVarint(h.settings_fingerprint, &out);
  AppendVarint(ZigZag(h.clock), &out);
  AppendVarint(ZigZag(h.written_at), &out);
  AppendVarint(h.compressed ? 1 : 0, &out);
  AppendVarint(h.body_size, &out);
  return out;
}

// A small reader for the header fields; the body has StateDecoder.
class HeaderReader {
 public:
  explicit HeaderReader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }
  uint64_t Varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64 && pos_ < in_.size(); shift += 7) {
      const auto byte = static_cast<uint8_t>(in_[pos_++]);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    ok_ = false;
    return 0;
  }
  std::string Bytes() {
    const uint64_t size = Varint();
    if (!ok_ || size > in_.size() - pos_) {
      ok_ = false;
      return {};
    }
    std::string out(in_.substr(pos_, static_cast<size_t>(size)));
    pos_ += static_cast<size_t>(size);
    return out;
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

Result<SnapshotHeader> DecodeHeader(std::string_view bytes) {
  HeaderReader r(bytes);
  SnapshotHeader h;
  h.spraytrace_version = r.Bytes();
  h.settings = r.Bytes();
  h.settings_fingerprint = r.Varint();
  h.clock = UnZigZag(r.Varint());
  h.written_at = UnZigZag(r.Varint());
  const uint64_t compressed = r.Varint();
  h.compressed = compressed == 1;
  h.body_size = r.Varint();
  if (!r.ok() || !r.done() || compressed > 1) {
    return Status::Corruption("the header's fields do not parse");
  }
  if (Fingerprint(h.settings) != h.settings_fingerprint) {
    return Status::Corruption("the header's settings do not match their fingerprint");
  }
  if (h.body_size > kMaxBodyBytes) {
    return Status::Corruption(fmt::format("the header claims a body of {} bytes", h.body_size));
  }
  return h;
}

Status Errno(std::string_view what, const std::string& path) {
  return Status::IoError(fmt::format("{} '{}': {}", what, path, std::strerror(errno)));
}

// Writes all of data to fd.
bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

Status SyncFolderOf(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = std::filesystem::path(".");
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Errno("cannot open folder", folder.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Errno("cannot sync folder", folder.string());
  return Status::Ok();
}

Result<std::string> StoredBody(const SnapshotHeader& header, std::string_view body) {
  if (!header.compressed) return std::string(body);
  std::string out(ZSTD_compressBound(body.size()), '\0');
  const size_t n = ZSTD_compress(out.data(), out.size(), body.data(), body.size(), kZstdLevel);
  if (ZSTD_isError(n)) {
    return Status::IoError(fmt::format("compressing the state: {}", ZSTD_getErrorName(n)));
  }
  out.resize(n);
  return out;
}

}  // namespace

uint64_t Fingerprint(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

Status WriteSnapshotFile(const std::string& path, SnapshotHeader header, std::string_view body) {
  header.body_size = body.size();
  header.settings_fingerprint = Fingerprint(header.settings);
  Result<std::string> stored = StoredBody(header, body);
  if (!stored) return stored.error();
  const std::string head = EncodeHeader(header);
  std::string out(kSnapshotMagic);
  AppendFixed(kSnapshotFormatVersion, 4, &out);
  AppendFixed(head.size(), 4, &out);
  out.append(head);
  AppendFixed(Crc32(std::string_view(out).substr(kMagicBytes)), 4, &out);
  AppendFixed(stored->size(), 8, &out);
  AppendFixed(Crc32(*stored), 4, &out);

  // mkstemp creates the file 0600 in the target's folder, so the rename below stays on one
  // file system and is atomic.
  std::string temp = path + ".tmp.XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return Errno("cannot create a temporary file beside", path);
  bool written = WriteAll(fd, out) && WriteAll(fd, *stored) && ::fsync(fd) == 0;
  int error = written ? 0 : errno;
  if (::close(fd) != 0 && written) {
    written = false;
    error = errno;
  }
  if (!written) {
    ::unlink(temp.c_str());
    errno = error;
    return Errno("cannot write the state to a temporary file beside", path);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const Status s = Errno("cannot replace", path);
    ::unlink(temp.c_str());
    return s;
  }
  return SyncFolderOf(path);
}

Result<Snapshot> ReadSnapshotFile(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    return Status::NotFound("no such file");
  }
  if (status.type() != std::filesystem::file_type::regular) {
    return Status::InvalidArgument(ec ? ec.message() : "not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("cannot open: {}", std::strerror(errno)));
  std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IoError(fmt::format("cannot read: {}", std::strerror(errno)));
  const std::string_view bytes(file);

  if (bytes.size() < kMagicBytes || bytes.substr(0, kMagicBytes) != kSnapshotMagic) {
    return Status::Corruption("not a spraytrace state file (no 'spraytrace-state' signature)");
  }
  if (bytes.size() < kPrefixBytes) return Status::Corruption("truncated inside the header");
  const uint64_t version = ReadFixed(bytes, kMagicBytes, 4);
  const uint64_t head_size = ReadFixed(bytes, kMagicBytes + 4, 4);
  if (head_size > kMaxHeaderBytes ||
      bytes.size() < kPrefixBytes + head_size + kHeaderTrailerBytes) {
    return Status::Corruption("truncated inside the header");
  }
  const size_t head_end = kPrefixBytes + static_cast<size_t>(head_size);
  if (ReadFixed(bytes, head_end, 4) != Crc32(bytes.substr(kMagicBytes, head_end - kMagicBytes))) {
    return Status::Corruption("the header's checksum does not match (the file is damaged)");
  }
  // The version is trusted only once its checksum matched, so a flipped bit reads as damage.
  if (version != kSnapshotFormatVersion) {
    return Status::Unsupported(fmt::format("format version {}; this spraytrace reads version {}",
                                           version, kSnapshotFormatVersion));
  }
  Result<SnapshotHeader> header = DecodeHeader(bytes.substr(kPrefixBytes, head_size));
  if (!header) return header.error();
  const uint64_t stored_size = ReadFixed(bytes, head_end + 4, 8);
  const size_t body_at = head_end + kHeaderTrailerBytes;
  if (bytes.size() - body_at < stored_size) {
    return Status::Corruption(fmt::format("truncated: the state body has {} of its {} bytes",
                                          bytes.size() - body_at, stored_size));
  }
  if (bytes.size() - body_at > stored_size) {
    return Status::Corruption(
        fmt::format("{} bytes after the end of the state", bytes.size() - body_at - stored_size));
  }
  const std::string_view stored = bytes.substr(body_at);
  if (ReadFixed(bytes, head_end + 12, 4) != Crc32(stored)) {
    return Status::Corruption("the state body's checksum does not match (the file is damaged)");
  }
  Snapshot snapshot;
  snapshot.header = std::move(*header);
  snapshot.file_bytes = bytes.size();
  if (!snapshot.header.compressed) {
    snapshot.body = std::string(stored);
  } else {
    snapshot.body.resize(static_cast<size_t>(snapshot.header.body_size));
    const size_t n =
        ZSTD_decompress(snapshot.body.data(), snapshot.body.size(), stored.data(), stored.size());
    if (ZSTD_isError(n) || n != snapshot.body.size()) {
      return Status::Corruption("the state body does not decompress to its recorded size");
    }
  }
  if (snapshot.body.size() != snapshot.header.body_size) {
    return Status::Corruption("the state body is not its recorded size");
  }
  return snapshot;
}

}  // namespace spraytrace::store
