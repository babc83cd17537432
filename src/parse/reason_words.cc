#include "parse/reason_words.h"

#include <array>
#include <utility>

namespace spraytrace::parse {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool ContainsIgnoringCase(std::string_view text, std::string_view word) {
  if (word.size() > text.size()) return false;
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    size_t j = 0;
    while (j < word.size() && Lower(text[i + j]) == Lower(word[j])) ++j;
    if (j == word.size()) return true;
  }
  return false;
}

Reason ReasonFromWords(std::string_view text) {
  // Most specific first: "password expired" is not a bad password.
  static constexpr std::array<std::pair<std::string_view, Reason>, 14> kWords = {{
      {"expired", Reason::kExpiredPassword},
      {"must change", Reason::kExpiredPassword},
      {"mfa", Reason::kMfaRequired},
      {"multi-factor", Reason::kMfaRequired},
      {"locked", Reason::kLockedOut},
      {"lockout", Reason::kLockedOut},
      {"disabled", Reason::kDisabled},
      {"unknown user", Reason::kUnknownUser},
      {"does not exist", Reason::kUnknownUser},
      {"not found", Reason::kUnknownUser},
      {"invalid user", Reason::kUnknownUser},
      {"password", Reason::kBadPassword},
      {"credential", Reason::kBadPassword},
      {"policy", Reason::kBlockedByPolicy},
  }};
  if (text.empty()) return Reason::kNone;
  for (const auto& [word, reason] : kWords) {
    if (ContainsIgnoringCase(text, word)) return reason;
  }
  return Reason::kOther;
}

}  // namespace spraytrace::parse
