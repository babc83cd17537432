// Reasons from free text: what exports write in a "reason" or "failure" column ("Invalid
// password", "User does not exist", "Account locked") mapped to the event vocabulary by its
// words, most specific first. Pure functions.
#ifndef SPRAYTRACE_PARSE_REASON_WORDS_H_
#define SPRAYTRACE_PARSE_REASON_WORDS_H_

#include <string_view>

#include "event/auth_event.h"

namespace spraytrace::parse {

// kNone for empty text, kOther for text with none of the known words.
Reason ReasonFromWords(std::string_view text);
bool ContainsIgnoringCase(std::string_view text, std::string_view word);

}  // namespace spraytrace::parse

#endif  // SPRAYTRACE_PARSE_REASON_WORDS_H_
