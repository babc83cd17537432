#include "event/user_name.h"

namespace spraytrace {

void CanonicalUserName(std::string_view raw, UserCase user_case, std::string* out) {
  while (!raw.empty() && raw.front() == ' ') raw.remove_prefix(1);
  while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
  if (const size_t slash = raw.rfind('\\'); slash != std::string_view::npos) {
    raw.remove_prefix(slash + 1);
  }
  // Only strip a domain that follows a non-empty local part: "@foo" is kept as typed.
  if (const size_t at = raw.find('@'); at != std::string_view::npos && at > 0) {
    raw = raw.substr(0, at);
  }
  out->assign(raw);
  if (user_case == UserCase::kInsensitive) {
    for (char& c : *out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
}

}  // namespace spraytrace
