// UTF-8 validation shared by the reader and the writers (common/utf8.h).
#include <gtest/gtest.h>

#include <string>

#include "common/utf8.h"

namespace spraytrace {
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

TEST(Utf8SequenceLength, AcceptsOnlyShortestFormsInRange) {
  EXPECT_EQ(Utf8SequenceLength("\xC3\xBC"), 2u);
  EXPECT_EQ(Utf8SequenceLength("\xE6\x97\xA5"), 3u);
  EXPECT_EQ(Utf8SequenceLength("\xF0\x9F\x94\x91"), 4u);
  EXPECT_EQ(Utf8SequenceLength("\xC1\xBF"), 0u);          // overlong
  EXPECT_EQ(Utf8SequenceLength("\xE0\x80\xAF"), 0u);      // overlong
  EXPECT_EQ(Utf8SequenceLength("\xED\xB0\x80"), 0u);      // surrogate
  EXPECT_EQ(Utf8SequenceLength("\xF4\x90\x80\x80"), 0u);  // past U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("\xE6\x97"), 0u);          // truncated
}

}  // namespace
}  // namespace spraytrace
