#include "ingest/utf8_validator.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/control_bytes.h"

namespace spraytrace::ingest {
namespace {

constexpr size_t kValid = std::string_view::npos;

TEST(Utf8Validator, AcceptsWellFormedText) {
  EXPECT_EQ(FindInvalidUtf8(""), kValid);
  EXPECT_EQ(FindInvalidUtf8("plain ascii, longer than one eight-byte word"), kValid);
  EXPECT_EQ(FindInvalidUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), kValid);  // é € 😀
  EXPECT_EQ(FindInvalidUtf8("\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xef\xbf\xbf"), kValid);
  EXPECT_EQ(FindInvalidUtf8("\xed\x9f\xbf \xee\x80\x80"), kValid);          // around the surrogates
  EXPECT_EQ(FindInvalidUtf8("\xf0\x90\x80\x80 \xf4\x8f\xbf\xbf"), kValid);  // U+10000, U+10FFFF
}

TEST(Utf8Validator, RejectsOverlongForms) {
  EXPECT_EQ(FindInvalidUtf8("\xc0\x80"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xc1\xbf"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xe0\x80\x80"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xe0\x9f\xbf"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xf0\x80\x80\x80"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xf0\x8f\xbf\xbf"), 0u);
}

TEST(Utf8Validator, RejectsSurrogatesAndCodePointsAboveTheRange) {
  EXPECT_EQ(FindInvalidUtf8("\xed\xa0\x80"), 0u);      // U+D800
  EXPECT_EQ(FindInvalidUtf8("\xed\xbf\xbf"), 0u);      // U+DFFF
  EXPECT_EQ(FindInvalidUtf8("\xf4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(FindInvalidUtf8("\xf5\x80\x80\x80"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xff"), 0u);
}

TEST(Utf8Validator, RejectsBrokenSequences) {
  EXPECT_EQ(FindInvalidUtf8("\x80"), 0u);         // lone continuation
  EXPECT_EQ(FindInvalidUtf8("ab\xe2\x82"), 2u);   // cut by the end
  EXPECT_EQ(FindInvalidUtf8("ab\xe2\x82z"), 2u);  // cut by ASCII
  EXPECT_EQ(FindInvalidUtf8("\xf0\x9f\x98"), 0u);
  EXPECT_EQ(FindInvalidUtf8("\xc3\xa9\xc3"), 2u);
}

TEST(Utf8Validator, ReportsPositionAfterLongAsciiRun) {
  const std::string text = std::string(17, 'a') + "\xc3\xa9" + std::string(9, 'b') + "\xa9";
  EXPECT_EQ(FindInvalidUtf8(text), 28u);
  EXPECT_FALSE(IsValidUtf8(text));
  EXPECT_TRUE(IsValidUtf8(text.substr(0, 28)));
}

TEST(ControlBytes, CountsC0BytesExceptTab) {
  EXPECT_EQ(CountControlBytes("Jan  1 host sshd[1]: text\twith tab"), 0u);
  EXPECT_EQ(CountControlBytes(std::string("a\0b", 3)), 1u);
  EXPECT_EQ(CountControlBytes("\x1b[31m red \x1b[0m and a bell \x07"), 3u);
  EXPECT_EQ(CountControlBytes("carriage\rreturn inside"), 1u);
  EXPECT_EQ(CountControlBytes("\x7f del and \xc3\xa9 are not control"), 0u);
  EXPECT_EQ(CountControlBytes(std::string(16, '\x01') + "tail\x1f"), 17u);
}

}  // namespace
}  // namespace spraytrace::ingest
