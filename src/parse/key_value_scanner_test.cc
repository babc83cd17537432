#include "parse/key_value_scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace spraytrace::parse {
namespace {

std::vector<std::pair<std::string, std::string>> All(std::string_view text,
                                                     bool* truncated = nullptr) {
  KeyValueScanner scanner(text);
  std::vector<std::pair<std::string, std::string>> out;
  KeyValue pair;
  while (scanner.Next(&pair)) out.emplace_back(pair.key, pair.value);
  if (truncated != nullptr) *truncated = scanner.truncated();
  return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(KeyValueScanner, BareAndQuotedValues) {
  EXPECT_EQ(All("date=2024-10-14 tz=\"-0700\" msg=\"SSL user failed to logged in\" tunnelid=0"),
            (Pairs{{"date", "2024-10-14"},
                   {"tz", "-0700"},
                   {"msg", "SSL user failed to logged in"},
                   {"tunnelid", "0"}}));
}

TEST(KeyValueScanner, ParenthesesAndEmptyValues) {
  EXPECT_EQ(All("ui=ssh(192.0.2.7) tunnelip=(null) group= user=\"\""),
            (Pairs{{"ui", "ssh(192.0.2.7)"}, {"tunnelip", "(null)"}, {"group", ""}, {"user", ""}}));
}

TEST(KeyValueScanner, EscapedQuotesStayInsideTheValue) {
  KeyValueScanner scanner(R"(user="a\"b c" next=1)");
  KeyValue pair;
  ASSERT_TRUE(scanner.Next(&pair));
  EXPECT_EQ(pair.key, "user");
  EXPECT_EQ(pair.value, R"(a\"b c)");
  EXPECT_TRUE(pair.quoted);
  EXPECT_TRUE(pair.escaped);
  std::string buffer;
  EXPECT_EQ(Unescape(pair.value, &buffer), "a\"b c");
  ASSERT_TRUE(scanner.Next(&pair));
  EXPECT_EQ(pair.key, "next");
  EXPECT_FALSE(pair.escaped);
  EXPECT_FALSE(scanner.Next(&pair));
  EXPECT_EQ(Unescape(R"(back\\slash)", &buffer), R"(back\slash)");
}

TEST(KeyValueScanner, WordsWithoutEqualsAndExtraSpacesAreSkipped) {
  EXPECT_EQ(All("  garbage a=1   b=2 trailing  "), (Pairs{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(All("=orphan c=3"), (Pairs{{"c", "3"}}));
  EXPECT_EQ(All(""), Pairs{});
}

TEST(KeyValueScanner, UnterminatedQuoteRunsToTheEnd) {
  bool truncated = false;
  EXPECT_EQ(All("a=1 msg=\"cut here", &truncated), (Pairs{{"a", "1"}, {"msg", "cut here"}}));
  EXPECT_TRUE(truncated);
  EXPECT_EQ(All("a=\"ends in backslash\\", &truncated), (Pairs{{"a", "ends in backslash\\"}}));
  EXPECT_TRUE(truncated);
  All("a=1 b=\"closed\"", &truncated);
  EXPECT_FALSE(truncated);
}

}  // namespace
}  // namespace spraytrace::parse
