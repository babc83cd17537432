#include "parse/vpn/asa/asa_message.h"

#include <gtest/gtest.h>

namespace spraytrace::parse::vpn {
namespace {

// Splits "%ASA-6-113005: text" and parses it.
AsaParse Parse(std::string_view line, AsaMessage* m) {
  int id = 0;
  std::string_view text;
  if (!SplitAsaTag(line, &id, &text)) return AsaParse::kNotAttempt;
  return ParseAsaMessage(id, text, m);
}

TEST(AsaTag, ReadsFacilitySeverityAndId) {
  int id = 0;
  EXPECT_TRUE(ParseAsaTag("%ASA-6-113005", &id));
  EXPECT_EQ(id, 113005);
  EXPECT_TRUE(ParseAsaTag("%FTD-6-611102", &id));
  EXPECT_EQ(id, 611102);
  EXPECT_TRUE(ParseAsaTag("%PIX-4-722051", &id));
  for (std::string_view bad :
       {"", "%ASA", "%ASA-6-11300", "%ASA-6-1130055", "%ASA-8-113005", "%ASA-6-11300x",
        "ASA-6-113005", "%XYZ-6-113005", "%asa-6-113005", "%ASA-66-113005", "sshd"}) {
    EXPECT_FALSE(ParseAsaTag(bad, &id)) << bad;
  }
  std::string_view rest;
  ASSERT_TRUE(SplitAsaTag("%ASA-6-605004:  Login denied", &id, &rest));
  EXPECT_EQ(rest, "Login denied");
  EXPECT_FALSE(SplitAsaTag("%ASA-6-605004 Login denied", &id, &rest));
}

// The lines of formats.md 6 (a lab ASA exported from Microsoft Sentinel), two spaces after the
// tag's colon as in that export.
TEST(AsaMessage, SentinelLabLines) {
  AsaMessage m;
  ASSERT_EQ(Parse("%ASA-6-611102:  User authentication failed: IP address: 192.168.1.5, Uname: "
                  "*****",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.group, AsaGroup::kManagementAuth);
  EXPECT_EQ(m.outcome, Outcome::kFailure);
  EXPECT_EQ(m.address, "192.168.1.5");
  EXPECT_EQ(m.user, "*****");
  EXPECT_EQ(m.client, "management");

  ASSERT_EQ(Parse("%ASA-6-113005:  AAA user authentication Rejected : reason = Invalid password : "
                  "server = 192.168.1.254 : user = Administrator : user IP = 192.168.1.5",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.group, AsaGroup::kAaa);
  EXPECT_EQ(m.outcome, Outcome::kFailure);
  EXPECT_EQ(m.reason, "Invalid password");
  EXPECT_EQ(m.user, "Administrator");
  EXPECT_EQ(m.address, "192.168.1.5");

  ASSERT_EQ(Parse("%ASA-6-605004:  Login denied from 192.168.1.5/2432 to inside:192.168.1.1/ssh "
                  "for user \"*****\"",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.group, AsaGroup::kManagementLogin);
  EXPECT_EQ(m.address, "192.168.1.5");
  EXPECT_EQ(m.client, "ssh");
  EXPECT_EQ(m.user, "*****");

  ASSERT_EQ(Parse("%ASA-6-716039:  Group <DefaultADMINGroup> User <*****> IP <192.168.1.5> "
                  "Authentication: rejected, Session Type: Admin.",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.group, AsaGroup::kWebvpn);
  EXPECT_EQ(m.outcome, Outcome::kFailure);
  EXPECT_EQ(m.client, "Admin");
  EXPECT_EQ(m.address, "192.168.1.5");

  ASSERT_EQ(Parse("%ASA-6-113004:  AAA user authentication Successful : server =  192.168.1.254 : "
                  "user = Administrator",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.outcome, Outcome::kSuccess);
  EXPECT_EQ(m.user, "Administrator");
  EXPECT_EQ(m.address, "");

  ASSERT_EQ(Parse("%ASA-6-113012:  AAA user authentication Successful : local database : user = "
                  "localadmin",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.user, "localadmin");

  ASSERT_EQ(Parse("%ASA-6-611101:  User authentication succeeded: IP address: 192.168.1.5, "
                  "Uname: localadmin",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.outcome, Outcome::kSuccess);
  ASSERT_EQ(Parse("%ASA-6-605005:  Login permitted from 192.168.1.5/7650 to "
                  "inside:192.168.1.1/ssh for user \"localadmin\"",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.outcome, Outcome::kSuccess);
  EXPECT_EQ(m.user, "localadmin");

  EXPECT_EQ(Parse("%ASA-6-315011:  SSH session from 192.168.1.5 on interface inside for user "
                  "\"*****\" disconnected by SSH server, reason: \"Rejected by server\" (0x0d) ",
                  &m),
            AsaParse::kNotAttempt);
}

TEST(AsaMessage, LocalDatabaseWithAndWithoutUserIp) {
  AsaMessage m;
  ASSERT_EQ(Parse("%ASA-6-113015: AAA user authentication Rejected : reason = Invalid password : "
                  "local database : user = johntheuser",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.user, "johntheuser");
  EXPECT_EQ(m.address, "");
  ASSERT_EQ(Parse("%ASA-6-113015: AAA user authentication Rejected : reason = User was not found "
                  ": local database : user = ghost : user IP = 2001:DB8::0:5",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.reason, "User was not found");
  EXPECT_EQ(m.address, "2001:DB8::0:5");
}

TEST(AsaMessage, AnyConnectSessionMessagesAreSuccesses) {
  AsaMessage m;
  ASSERT_EQ(Parse("%ASA-4-113039: Group <GroupPolicy_VPN> User <jdoe> IP <203.0.113.9> AnyConnect "
                  "parent session started.",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.group, AsaGroup::kAnyConnectParent);
  EXPECT_EQ(m.outcome, Outcome::kSuccess);
  EXPECT_EQ(m.user, "jdoe");
  ASSERT_EQ(Parse("%ASA-4-722051: Group <GroupPolicy_VPN> User <jdoe> IP <203.0.113.9> IPv4 "
                  "Address <10.10.1.5> IPv6 address <::> assigned to session",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.group, AsaGroup::kAnyConnectAddress);
  EXPECT_EQ(m.address, "203.0.113.9");
}

TEST(AsaMessage, NamesWithQuotesBracketsAndHtmlAreKeptAsLogged) {
  AsaMessage m;
  ASSERT_EQ(Parse("%ASA-6-605004: Login denied from 198.51.100.1/22 to outside:192.0.2.14/ssh for "
                  "user \"a\"b<script>\"",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.user, "a\"b<script>");
  ASSERT_EQ(Parse("%ASA-6-716039: Group <G> User <<img src=x>> IP <198.51.100.2> Authentication: "
                  "rejected, Session Type: WebVPN.",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.user, "<img src=x>");
  EXPECT_EQ(m.client, "WebVPN");
  ASSERT_EQ(Parse("%ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : server "
                  "= 192.0.2.254 : user = x : y : user IP = 198.51.100.3",
                  &m),
            AsaParse::kAttempt);
  EXPECT_EQ(m.user, "x : y");
}

TEST(AsaMessage, OtherAaaKindsAndUnknownIdsAreNoAttempts) {
  AsaMessage m;
  EXPECT_EQ(Parse("%ASA-6-113004: AAA user authorization Successful : server = 192.0.2.254 : user "
                  "= bob",
                  &m),
            AsaParse::kNotAttempt);
  EXPECT_EQ(Parse("%ASA-6-113004: AAA user accounting Successful : server = 192.0.2.254 : user = "
                  "bob",
                  &m),
            AsaParse::kNotAttempt);
  EXPECT_EQ(Parse("%ASA-6-302013: Built inbound TCP connection 1 for outside:198.51.100.1/5 "
                  "(198.51.100.1/5) to inside:10.0.0.1/443 (10.0.0.1/443)",
                  &m),
            AsaParse::kNotAttempt);
  EXPECT_EQ(Parse("%ASA-6-113006: User 'bob' locked out on exceeding '3' successive failed "
                  "authentication attempts",
                  &m),
            AsaParse::kNotAttempt);
}

TEST(AsaMessage, CutOrMangledLoginMessagesAreMalformed) {
  AsaMessage m;
  for (std::string_view line : {
           "%ASA-6-113005: AAA user authentication Rejected : reason = Inv",
           "%ASA-6-113015: AAA user authentication Rejected : reason = Invalid password : local",
           "%ASA-6-611102: User authentication failed: IP address: 192.168.1.5",
           "%ASA-6-611102: something else entirely",
           "%ASA-6-605004: Login denied from 192.168.1.5/2432 to inside:192.168.1.1/ssh for user "
           "\"roo",
           "%ASA-6-605004: Login denied from 192.168.1.5/2432",
           "%ASA-6-716039: Group <G> User <bob> IP <198.51.100.2",
           "%ASA-6-716039: Group <G> User <bob> IP <198.51.100.2> Authentication: pending",
           "%ASA-4-113039: Group <G> User <bob>",
           "%ASA-6-605005:",
       }) {
    EXPECT_EQ(Parse(line, &m), AsaParse::kMalformed) << line;
  }
}

}  // namespace
}  // namespace spraytrace::parse::vpn
