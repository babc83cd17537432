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

}  // namespace
}  // namespace spraytrace::report
