#include "store/state_decoder.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>

#include "store/state_encoder.h"

namespace spraytrace::store {
namespace {

constexpr size_t kLengthBytes = 8;  // section lengths, as StateEncoder writes them

}  // namespace

StateDecoder::StateDecoder(std::string_view body, StringPool* strings, FileTable* files)
    : body_(body), end_(body.size()) {
  ReadTables(strings, files);
}

void StateDecoder::ReadTables(StringPool* strings, FileTable* files) {
  string_ids_.push_back(kNoString);
  const size_t string_count = Count();
  string_ids_.reserve(string_count + 1);
  for (size_t i = 0; i < string_count && ok(); ++i) {
    const std::string text = Bytes();
    const StringId id = strings->Intern(text);
    if (id == kNoString && ok()) Fail("empty string in the string table");
    string_ids_.push_back(id);
  }
  const size_t file_count = Count();
  file_ids_.reserve(file_count);
  for (size_t i = 0; i < file_count && ok(); ++i) file_ids_.push_back(files->Add(Bytes()));
}

void StateDecoder::Fail(std::string_view what) {
  if (!error_.empty()) return;
  const std::string where =
      sections_.empty() ? std::string("tables") : "section '" + sections_.back().name + "'";
  error_ = fmt::format("{} at byte {}: {}", where, pos_, what);
  pos_ = Limit();  // nothing more is read
}

bool StateDecoder::Need(size_t bytes) {
  if (!ok()) return false;
  if (Limit() - pos_ < bytes) {
    Fail("truncated value");
    return false;
  }
  return true;
}

bool StateDecoder::EnterSection(std::string_view name) {
  const std::string found = Bytes();
  if (!ok()) return false;
  if (found != name) {
    Fail(fmt::format("expected section '{}', found '{}'", name, found));
    return false;
  }
  if (!Need(kLengthBytes)) return false;
  uint64_t length = 0;
  for (size_t i = 0; i < kLengthBytes; ++i) {
    length |= static_cast<uint64_t>(static_cast<uint8_t>(body_[pos_ + i])) << (8 * i);
  }
  pos_ += kLengthBytes;
  if (length > Limit() - pos_) {
    Fail(fmt::format("section '{}' claims {} bytes, {} left", name, length, Limit() - pos_));
    return false;
  }
  sections_.push_back(Open{std::string(name), pos_ + static_cast<size_t>(length)});
  return true;
}

bool StateDecoder::LeaveSection() {
  if (sections_.empty()) {
    Fail("no section to leave");
    return false;
  }
  if (ok() && pos_ != sections_.back().end) {
    Fail(fmt::format("{} bytes left unread", sections_.back().end - pos_));
  }
  pos_ = sections_.back().end;
  sections_.pop_back();
  return ok();
}

uint64_t StateDecoder::U64() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (!Need(1)) return 0;
    const auto byte = static_cast<uint8_t>(body_[pos_++]);
    if (shift == 63 && byte > 1) break;  // more than 64 bits
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  Fail("varint longer than 64 bits");
  return 0;
}

uint32_t StateDecoder::U32() {
  const uint64_t value = U64();
  if (value > std::numeric_limits<uint32_t>::max()) {
    Fail(fmt::format("value {} does not fit 32 bits", value));
    return 0;
  }
  return static_cast<uint32_t>(value);
}

int64_t StateDecoder::I64() { return UnZigZag(U64()); }

bool StateDecoder::Bool() {
  const uint64_t value = U64();
  if (value > 1) Fail(fmt::format("boolean {}", value));
  return value == 1;
}

double StateDecoder::Double() {
  if (!Need(8)) return 0;
  uint64_t bits = 0;
  for (size_t i = 0; i < 8; ++i) {
    bits |= static_cast<uint64_t>(static_cast<uint8_t>(body_[pos_ + i])) << (8 * i);
  }
  pos_ += 8;
  double value = 0;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

std::string StateDecoder::Bytes() {
  const uint64_t size = U64();
  if (!ok()) return {};
  if (size > Limit() - pos_) {
    Fail(fmt::format("string of {} bytes, {} left", size, Limit() - pos_));
    return {};
  }
  std::string out(body_.substr(pos_, static_cast<size_t>(size)));
  pos_ += static_cast<size_t>(size);
  return out;
}

StringId StateDecoder::String() {
  const uint64_t index = U64();
  if (index >= string_ids_.size()) {
    Fail(fmt::format("string {} not in the table of {}", index, string_ids_.size() - 1));
    return kNoString;
  }
  return string_ids_[static_cast<size_t>(index)];
}

uint32_t StateDecoder::File() {
  const uint64_t index = U64();
  if (index >= file_ids_.size()) {
    Fail(fmt::format("file {} not in the table of {}", index, file_ids_.size()));
    return 0;
  }
  return file_ids_[static_cast<size_t>(index)];
}

IpAddress StateDecoder::Ip() {
  if (!Need(1)) return {};
  const char family = body_[pos_++];
  std::array<uint8_t, 16> bytes{};
  if (family == '\4') {
    if (!Need(4)) return {};
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, body_.data() + pos_, 4);
    pos_ += 4;
  } else if (family == '\6') {
    if (!Need(16)) return {};
    std::memcpy(bytes.data(), body_.data() + pos_, 16);
    pos_ += 16;
  } else {
    Fail(fmt::format("address family byte {}", static_cast<int>(family)));
    return {};
  }
  return IpAddress::FromBytes(bytes);
}

size_t StateDecoder::Count(size_t min_bytes) {
  const uint64_t count = U64();
  if (!ok()) return 0;
  const size_t left = Limit() - pos_;
  if (min_bytes == 0) min_bytes = 1;
  if (count > left / min_bytes) {
    Fail(fmt::format("count {} cannot fit in the {} bytes left", count, left));
    return 0;
  }
  return static_cast<size_t>(count);
}

}  // namespace spraytrace::store
