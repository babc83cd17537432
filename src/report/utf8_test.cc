// Terminal output must not let a log line move the cursor, recolour or rewrite the screen.
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

TEST(ValidUtf8SequenceLength, AcceptsOnlyShortestFormsInRange) {
  EXPECT_EQ(ValidUtf8SequenceLength("\xC3\xBC"), 2u);
  EXPECT_EQ(ValidUtf8SequenceLength("\xE6\x97\xA5"), 3u);
  EXPECT_EQ(ValidUtf8SequenceLength("\xF0\x9F\x94\x91"), 4u);
  EXPECT_EQ(ValidUtf8SequenceLength("\xC1\xBF"), 0u);          // overlong
  EXPECT_EQ(ValidUtf8SequenceLength("\xE0\x80\xAF"), 0u);      // overlong
  EXPECT_EQ(ValidUtf8SequenceLength("\xED\xB0\x80"), 0u);      // surrogate
  EXPECT_EQ(ValidUtf8SequenceLength("\xF4\x90\x80\x80"), 0u);  // past U+10FFFF
  EXPECT_EQ(ValidUtf8SequenceLength("\xE6\x97"), 0u);          // truncated
}

}  // namespace
}  // namespace spraytrace::report
