// Terminal output must not let a log line move the cursor, recolour or rewrite the screen, and
// HTML output must not let it become markup.
#include "report/utf8.h"

#include <gtest/gtest.h>

namespace spraytrace::report {
namespace {

TEST(EscapeForTerminal, NeutralisesAnsiAndControlBytes) {
  EXPECT_EQ(EscapeForTerminal("root\x1b[2J\x1b]0;pwned\x07"), "root\\x1b[2J\\x1b]0;pwned\\x07");
  EXPECT_EQ(EscapeForTerminal("a\rb\nc"), "a\\x0db\\x0ac");
  EXPECT_EQ(EscapeForTerminal("back\\slash"), "back\\\\slash");
}

TEST(EscapeForTerminal, EscapesC1ControlsAndInvalidBytesButKeepsText) {
  EXPECT_EQ(EscapeForTerminal("\xC2\x9B"
                              "31m"),
            "\\xc2\\x9b31m");
  EXPECT_EQ(EscapeForTerminal("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(EscapeForTerminal("J\xC3\xBCrgen <b>"), "J\xC3\xBCrgen <b>");
}

TEST(EscapeForTerminal, ShowsBidiControlsThatWouldReorderAName) {
  // U+202E RIGHT-TO-LEFT OVERRIDE would display "\u202enimda" as "admin".
  EXPECT_EQ(EscapeForTerminal("\xE2\x80\xAEnimda"), "\\u202enimda");
  EXPECT_EQ(EscapeForTerminal("a\xE2\x81\xA6"
                              "b\xE2\x80\x8F"),
            "a\\u2066b\\u200f");
  // Neighbours of the controls are ordinary text: U+2010 HYPHEN, U+2070 SUPERSCRIPT ZERO.
  EXPECT_EQ(EscapeForTerminal("\xE2\x80\x90\xE2\x81\xB0"), "\xE2\x80\x90\xE2\x81\xB0");
}

TEST(EscapeForHtml, TurnsMarkupCharactersIntoReferences) {
  EXPECT_EQ(EscapeForHtml("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(EscapeForHtml("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  EXPECT_EQ(EscapeForHtml("' onmouseover='x' & &amp;"),
            "&#39; onmouseover=&#39;x&#39; &amp; &amp;amp;");
}

TEST(EscapeForHtml, KeepsBackslashesAndTextButShowsControlsAndBadBytes) {
  EXPECT_EQ(EscapeForHtml("CORP\\alice"), "CORP\\alice");
  EXPECT_EQ(EscapeForHtml("J\xC3\xBCrgen \xE6\x97\xA5"), "J\xC3\xBCrgen \xE6\x97\xA5");
  using namespace std::string_view_literals;
  EXPECT_EQ(EscapeForHtml("a\0"
                          "b\x1b[31m\r\n\x7f"sv),
            "a\\x00b\\x1b[31m\\x0d\\x0a\\x7f");
  EXPECT_EQ(EscapeForHtml("\xff<\xC2\x85"), "\\xff&lt;\\xc2\\x85");
  EXPECT_EQ(EscapeForHtml("\xE2\x80\xAEnimda"), "\\u202enimda");
}

TEST(TruncateForDisplay, CutsWholeCharactersAndMarksTheCut) {
  EXPECT_EQ(TruncateForDisplay("abc", 3), "abc");
  EXPECT_EQ(TruncateForDisplay("abcdef", 3), "ab\xE2\x80\xA6");
  // Multi-byte characters are never split; an invalid byte counts as one character.
  EXPECT_EQ(TruncateForDisplay("\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5", 2),
            "\xE6\x97\xA5\xE2\x80\xA6");
  EXPECT_EQ(TruncateForDisplay("\xff\xfe\xfd", 2), "\xff\xE2\x80\xA6");
  EXPECT_EQ(TruncateForDisplay("", 5), "");
}

}  // namespace
}  // namespace spraytrace::report
