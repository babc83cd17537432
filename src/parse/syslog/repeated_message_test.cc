#include "parse/syslog/repeated_message.h"

#include <gtest/gtest.h>

namespace spraytrace::parse {
namespace {

TEST(RepeatedMessage, Rsyslog) {
  uint32_t count = 0;
  std::string_view inner;
  ASSERT_TRUE(ParseMessageRepeated(
      "message repeated 5 times: [ Failed password for root from 198.51.100.7 port 4242 ssh2]",
      &count, &inner));
  EXPECT_EQ(count, 5u);
  EXPECT_EQ(inner, "Failed password for root from 198.51.100.7 port 4242 ssh2");
}

TEST(RepeatedMessage, InnerWithBrackets) {
  uint32_t count = 0;
  std::string_view inner;
  ASSERT_TRUE(ParseMessageRepeated(
      "message repeated 2 times: [ Connection closed by 192.0.2.9 port 22 [preauth]]", &count,
      &inner));
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(inner, "Connection closed by 192.0.2.9 port 22 [preauth]");
}

TEST(RepeatedMessage, TruncatedLineKeepsInner) {
  uint32_t count = 0;
  std::string_view inner;
  ASSERT_TRUE(
      ParseMessageRepeated("message repeated 3 times: [ Failed password for ro", &count, &inner));
  EXPECT_EQ(inner, "Failed password for ro");
}

TEST(RepeatedMessage, HugeCountIsClamped) {
  uint32_t count = 0;
  std::string_view inner;
  ASSERT_TRUE(ParseMessageRepeated("message repeated 1000000 times: [ x]", &count, &inner));
  EXPECT_EQ(count, kMaxRepeatCount);
  ASSERT_TRUE(ParseMessageRepeated("message repeated 99999999999999999999999999 times: [ x]",
                                   &count, &inner));
  EXPECT_EQ(count, kMaxRepeatCount);
}

TEST(RepeatedMessage, NotRepeated) {
  uint32_t count = 0;
  std::string_view inner;
  EXPECT_FALSE(ParseMessageRepeated("Failed password for root", &count, &inner));
  EXPECT_FALSE(ParseMessageRepeated("message repeated 0 times: [ x]", &count, &inner));
  EXPECT_FALSE(ParseMessageRepeated("message repeated times: [ x]", &count, &inner));
  EXPECT_FALSE(ParseMessageRepeated("message repeated 5 times", &count, &inner));
  EXPECT_FALSE(ParseMessageRepeated("message repeated 5 timesx: [ x]", &count, &inner));
  EXPECT_FALSE(ParseMessageRepeated("", &count, &inner));
}

TEST(RepeatedMessage, Bsd) {
  uint32_t count = 0;
  ASSERT_TRUE(ParseLastMessageRepeated("last message repeated 4 times", &count));
  EXPECT_EQ(count, 4u);
  ASSERT_TRUE(ParseLastMessageRepeated("last message repeated 1 time", &count));
  EXPECT_EQ(count, 1u);
  ASSERT_TRUE(ParseLastMessageRepeated("--- last message repeated 2 times ---", &count));
  EXPECT_EQ(count, 2u);
  EXPECT_FALSE(ParseLastMessageRepeated("last message repeated 4 times and more", &count));
  EXPECT_FALSE(ParseLastMessageRepeated("--- last message repeated 2 times", &count));
  EXPECT_FALSE(ParseLastMessageRepeated("last message repeated x times", &count));
}

}  // namespace
}  // namespace spraytrace::parse
