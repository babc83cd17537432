#include "parse/event_fields.h"

#include <gtest/gtest.h>

#include "parse/reason_words.h"

namespace spraytrace::parse {
namespace {

TEST(EventFields, PlaceholdersAreNoValue) {
  for (const char* p : {"", " - ", "N/A", "n/a", "NULL", "(null)", "Unknown", "none"}) {
    EXPECT_TRUE(IsPlaceholder(p)) << p;
  }
  EXPECT_FALSE(IsPlaceholder("nobody"));
  EXPECT_FALSE(IsPlaceholder("0"));
}

TEST(EventFields, SourcesAreAddressesOrHostNames) {
  StringPool strings;
  EventFields fields(&strings);
  AuthEvent mapped;
  ASSERT_TRUE(fields.SetSource("::ffff:198.51.100.7", &mapped));
  EXPECT_TRUE(mapped.source_ip.is_v4());
  EXPECT_EQ(mapped.source_ip.ToString(), "198.51.100.7");
  AuthEvent v6;
  ASSERT_TRUE(fields.SetSource(" 2001:DB8:0:0::1 ", &v6));
  EXPECT_EQ(v6.source_ip.ToString(), "2001:db8::1");
  AuthEvent host;
  ASSERT_TRUE(fields.SetSource("WKS-042", &host));
  EXPECT_FALSE(host.has_source_ip);
  EXPECT_EQ(strings.View(host.source_host), "WKS-042");
  AuthEvent none;
  EXPECT_FALSE(fields.SetSource("-", &none));
  EXPECT_EQ(none.source_host, kNoString);
}

TEST(EventFields, UsersKeepRawAndCanonicalForms) {
  StringPool strings;
  EventFields fields(&strings);
  AuthEvent e;
  fields.SetUser("CONTOSO\\J.Doe", UserCase::kInsensitive, &e);
  EXPECT_EQ(strings.View(e.user), "CONTOSO\\J.Doe");
  EXPECT_EQ(strings.View(e.user_canonical), "j.doe");
  AuthEvent placeholder;
  fields.SetUser("-", UserCase::kInsensitive, &placeholder);
  EXPECT_EQ(placeholder.user, kNoString);
}

TEST(EventFields, ExportTimesInEveryCommonShape) {
  const Timestamp expected = ToTimestamp(CivilTime{2024, 5, 1, 10, 0, 0, 0});
  for (const char* text :
       {"2024-05-01T10:00:00Z", "2024-05-01T12:00:00+02:00", "2024-05-01 10:00:00",
        "2024-05-01 10:00:00 UTC", "2024-05-01 11:00:00 +01:00", "1714557600", "1714557600000",
        "1714557600000000", "1714557600000000000"}) {
    Timestamp t = 0;
    ASSERT_TRUE(ParseExportTime(text, &t)) << text;
    EXPECT_EQ(t, expected) << text;
  }
  Timestamp t = 0;
  EXPECT_TRUE(ParseExportTime("2024-05-01T10:00:00.123456Z", &t));
  EXPECT_EQ(t, expected + 123456);
  EXPECT_FALSE(ParseExportTime("05/01/2024 10:00", &t));
  EXPECT_FALSE(ParseExportTime("", &t));
}

TEST(ReasonWords, MostSpecificWordWins) {
  EXPECT_EQ(ReasonFromWords("The password has expired"), Reason::kExpiredPassword);
  EXPECT_EQ(ReasonFromWords("Invalid password"), Reason::kBadPassword);
  EXPECT_EQ(ReasonFromWords("User does not exist"), Reason::kUnknownUser);
  EXPECT_EQ(ReasonFromWords("Account LOCKED"), Reason::kLockedOut);
  EXPECT_EQ(ReasonFromWords("MFA required"), Reason::kMfaRequired);
  EXPECT_EQ(ReasonFromWords("teapot"), Reason::kOther);
  EXPECT_EQ(ReasonFromWords(""), Reason::kNone);
}

}  // namespace
}  // namespace spraytrace::parse
