#include "store/state_encoder.h"

#include <cassert>
#include <cstring>

namespace spraytrace::store {
namespace {

// Section lengths are fixed-width, so a section's length can be written once its end is known.
constexpr size_t kLengthBytes = 8;

void PatchFixed64(uint64_t value, char* out) {
  for (size_t i = 0; i < kLengthBytes; ++i) out[i] = static_cast<char>(value >> (8 * i));
}

}  // namespace

void AppendVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

void StateEncoder::BeginSection(std::string_view name) {
  PutBytes(name);
  open_sections_.push_back(body_.size());
  body_.append(kLengthBytes, '\0');
}

void StateEncoder::EndSection() {
  assert(!open_sections_.empty());
  const size_t at = open_sections_.back();
  open_sections_.pop_back();
  PatchFixed64(body_.size() - at - kLengthBytes, body_.data() + at);
}

void StateEncoder::PutU64(uint64_t value) { AppendVarint(value, &body_); }

void StateEncoder::PutI64(int64_t value) { AppendVarint(ZigZag(value), &body_); }

void StateEncoder::PutDouble(double value) {
  uint64_t bits = 0;
  static_assert(sizeof(bits) == sizeof(value));
  std::memcpy(&bits, &value, sizeof(bits));
  char bytes[8];
  PatchFixed64(bits, bytes);
  body_.append(bytes, sizeof(bytes));
}

void StateEncoder::PutBytes(std::string_view bytes) {
  PutU64(bytes.size());
  body_.append(bytes);
}

void StateEncoder::PutString(StringId id) {
  if (id == kNoString) {
    PutU64(0);
    return;
  }
  auto [it, fresh] = string_index_.try_emplace(id, 0);
  if (fresh) {
    string_order_.push_back(id);
    it->second = static_cast<uint32_t>(string_order_.size());
  }
  PutU64(it->second);
}

void StateEncoder::PutFile(uint32_t file) {
  auto [it, fresh] = file_index_.try_emplace(file, 0);
  if (fresh) {
    it->second = static_cast<uint32_t>(file_order_.size());
    file_order_.push_back(file);
  }
  PutU64(it->second);
}

void StateEncoder::PutIp(const IpAddress& ip) {
  const auto& bytes = ip.bytes();
  if (ip.is_v4()) {
    body_.push_back('\4');
    body_.append(reinterpret_cast<const char*>(bytes.data()) + 12, 4);
  } else {
    body_.push_back('\6');
    body_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
}

std::string StateEncoder::Finish() && {
  assert(open_sections_.empty());
  std::string out;
  AppendVarint(string_order_.size(), &out);
  for (const StringId id : string_order_) {
    const std::string_view text = strings_->View(id);
    AppendVarint(text.size(), &out);
    out.append(text);
  }
  AppendVarint(file_order_.size(), &out);
  for (const uint32_t file : file_order_) {
    // An id the table does not hold (a test's made-up evidence) is kept as an unnamed file.
    // Both arms as string_view: a ternary mixing a string and a literal would make a temporary
    // string that dies before the view is read.
    const std::string_view path =
        file < files_->size() ? std::string_view(files_->Path(file)) : std::string_view("?");
    AppendVarint(path.size(), &out);
    out.append(path);
  }
  out.append(body_);
  return out;
}

}  // namespace spraytrace::store
