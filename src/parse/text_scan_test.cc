#include "parse/text_scan.h"

#include <gtest/gtest.h>

namespace spraytrace::parse {
namespace {

TEST(TextScan, EqualsIgnoringCaseIsAsciiOnlyAndLengthExact) {
  EXPECT_TRUE(EqualsIgnoringCase("AuditData", "auditdata"));
  EXPECT_TRUE(EqualsIgnoringCase("USERLOGINFAILED", "UserLoginFailed"));
  EXPECT_TRUE(EqualsIgnoringCase("", ""));
  EXPECT_FALSE(EqualsIgnoringCase("UserId", "UserIds"));
  EXPECT_FALSE(EqualsIgnoringCase("Success", "Succes"));
  // '@' and '`' sit next to 'A' and 'a': not letters, not folded.
  EXPECT_FALSE(EqualsIgnoringCase("@", "`"));
  EXPECT_FALSE(EqualsIgnoringCase("[", "{"));
  // Bytes outside ASCII compare exactly (no locale folding of UTF-8).
  EXPECT_TRUE(EqualsIgnoringCase("\xC3\x89t\xC3\xA9", "\xC3\x89T\xC3\xA9"));
  EXPECT_FALSE(EqualsIgnoringCase("\xC3\x89", "\xC3\xA9"));
}

TEST(TextScan, ConsumeAndTrim) {
  std::string_view text = "Failed password for root";
  EXPECT_TRUE(Consume(&text, "Failed "));
  EXPECT_EQ(text, "password for root");
  EXPECT_FALSE(Consume(&text, "Failed "));
  EXPECT_TRUE(ConsumeSuffix(&text, " root"));
  EXPECT_EQ(text, "password for");
  EXPECT_EQ(TrimRight("ab \t"), "ab");
  EXPECT_EQ(TrimLeft(" \tab"), "ab");
  EXPECT_TRUE(IsDigits("0123"));
  EXPECT_FALSE(IsDigits(""));
  EXPECT_FALSE(IsDigits("12a"));
}

TEST(TextScan, ContainsFindsANeedleAnywhere) {
  const std::string_view line = R"({"TimeGenerated":"2026-11-02","UserPrincipalName":"a@b"})";
  EXPECT_TRUE(Contains(line, R"("UserPrincipalName")"));
  EXPECT_TRUE(Contains(line, R"("a@b"})"));                // at the very end
  EXPECT_TRUE(Contains(line, R"({"Time)"));                // at the very start
  EXPECT_FALSE(Contains(line, R"("userPrincipalName")"));  // case matters
  EXPECT_FALSE(Contains(line, R"("TimeGenerated":"2026-11-03")"));
  EXPECT_FALSE(Contains("ab", "abc"));
  EXPECT_TRUE(Contains("", ""));
  EXPECT_FALSE(Contains("", "x"));
  EXPECT_FALSE(Contains(std::string_view(), "x"));  // no data at all
  EXPECT_TRUE(Contains(std::string_view("a\0b\0c", 5), std::string_view("b\0c", 3)));
}

}  // namespace
}  // namespace spraytrace::parse
