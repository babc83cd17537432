#include "parse/syslog/repeated_message.h"

namespace spraytrace::parse {
namespace {

// Reads "<digits> time(s)" at the start of *text, removing it. Clamps to kMaxRepeatCount.
bool ConsumeCount(std::string_view* text, uint32_t* count) {
  size_t digits = 0;
  uint64_t value = 0;
  while (digits < text->size() && (*text)[digits] >= '0' && (*text)[digits] <= '9') {
    value = value * 10 + static_cast<uint64_t>((*text)[digits] - '0');
    if (value > kMaxRepeatCount) value = kMaxRepeatCount + 1;
    ++digits;
  }
  if (digits == 0 || value == 0) return false;
  text->remove_prefix(digits);
  if (text->starts_with(" times")) {
    text->remove_prefix(6);
  } else if (text->starts_with(" time")) {
    text->remove_prefix(5);
  } else {
    return false;
  }
  *count = value > kMaxRepeatCount ? kMaxRepeatCount : static_cast<uint32_t>(value);
  return true;
}

}  // namespace

bool ParseMessageRepeated(std::string_view message, uint32_t* count, std::string_view* inner) {
  constexpr std::string_view kPrefix = "message repeated ";
  if (!message.starts_with(kPrefix)) return false;
  message.remove_prefix(kPrefix.size());
  if (!ConsumeCount(&message, count) || !message.starts_with(": [")) return false;
  message.remove_prefix(3);
  if (message.starts_with(' ')) message.remove_prefix(1);
  if (message.ends_with(']')) message.remove_suffix(1);
  *inner = message;
  return true;
}

bool ParseLastMessageRepeated(std::string_view message, uint32_t* count) {
  constexpr std::string_view kPrefix = "last message repeated ";
  constexpr std::string_view kDashes = "--- ";
  const bool dashes = message.starts_with(kDashes);
  if (dashes) message.remove_prefix(kDashes.size());
  if (!message.starts_with(kPrefix)) return false;
  message.remove_prefix(kPrefix.size());
  if (!ConsumeCount(&message, count)) return false;
  return dashes ? message == " ---" : message.empty();
}

}  // namespace spraytrace::parse
