// The GlobalProtect family: PAN-OS GLOBALPROTECT and SYSTEM/globalprotect records, behind a
// syslog header, relayed through a Panorama and bare, with the fixtures' shapes from
// formats.md 8 and bad input counted.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "event/ip_address.h"
#include "parse/log_parser.h"
#include "parse/vpn/globalprotect/globalprotect_parser.h"
#include "parse/vpn/globalprotect/globalprotect_record.h"

namespace spraytrace::parse::vpn {
namespace {

Timestamp Utc(int year, int month, int day, int hour, int minute, int second) {
  return ToTimestamp(CivilTime{year, month, day, hour, minute, second, 0});
}

// A PAN-OS 10 GLOBALPROTECT record (the Elastic fixture's field order), with its values.
std::string GpRecord(std::string_view generated, std::string_view event, std::string_view user,
                     std::string_view public_ip, std::string_view public_ipv6,
                     std::string_view status, std::string_view error,
                     std::string_view auth = "LDAP") {
  return "1,2024/05/06 07:08:10,013101001305,GLOBALPROTECT,0,2561," + std::string(generated) +
         ",vsys1," + std::string(event) + ",login," + std::string(auth) + ",," + std::string(user) +
         ",US,LAPTOP-7," + std::string(public_ip) + "," + std::string(public_ipv6) +
         ",10.8.0.20,,d1f4c2e0-43aa-4f1c-9e0e-2c6f63b1a9e0,,6.2.1,Windows,\"Microsoft Windows 11 "
         "Pro , 64-bit\",1,,\"" +
         std::string(error) + "\",," + std::string(status) +
         ",,0,on-demand,0,GP-Portal,7301994271542013321,0x8000000000000000,2024-05-06T07:08:09."
         "412+02:00,,0,,,,,,,,,pa-edge-01,1,";
}

class GlobalProtectTest : public ::testing::Test {
 protected:
  void Run(const std::vector<std::string>& lines) {
    LogParser parser(&strings_, &diagnostics_);
    parser.BeginFile(0, "panos.log", YearHint{2024, 12, false});
    uint64_t number = 0;
    for (const std::string& line : lines) parser.ParseLine(line, ++number, 0, &sink_);
    parser.EndFile(&sink_);
    stats_ = parser.stats();
  }
  std::string_view View(StringId id) const { return strings_.View(id); }
  const std::vector<AuthEvent>& Events() const { return sink_.events; }

  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  ParseStats stats_;
};

TEST_F(GlobalProtectTest, NewFormatPortalFailure) {
  Run({"May  6 07:08:10 pa-edge-01 " +
       GpRecord("2024/05/06 07:08:09", "portal-auth", "j.doe@example.com", "198.51.100.23", "",
                "failure", "Authentication failed: Invalid username or password")});
  ASSERT_EQ(Events().size(), 1u);
  const AuthEvent& e = Events()[0];
  EXPECT_EQ(e.outcome, Outcome::kFailure);
  EXPECT_EQ(e.service, Service::kVpn);
  EXPECT_EQ(e.method, AuthMethod::kPassword);
  EXPECT_EQ(e.reason, Reason::kBadPassword);
  EXPECT_EQ(e.source_ip, *IpAddress::Parse("198.51.100.23"));
  EXPECT_EQ(View(e.user), "j.doe@example.com");
  EXPECT_EQ(View(e.user_canonical), "j.doe");
  EXPECT_EQ(View(e.target_host), "pa-edge-01");
  EXPECT_EQ(View(e.client), "6.2.1");
  EXPECT_EQ(e.time, Utc(2024, 5, 6, 7, 8, 9));  // the generated time, not the header's
  EXPECT_EQ(diagnostics_.Total(), 0u);
  ASSERT_EQ(stats_.by_family.size(), 1u);
  EXPECT_EQ(stats_.by_family[0].first, "globalprotect");
}

TEST_F(GlobalProtectTest, NewFormatIpv6SuccessAndCookieLogin) {
  Run({"May  6 07:08:10 pa-edge-01 " + GpRecord("2024/05/06 07:08:09", "gateway-auth",
                                                "EXAMPLE\\alice", "0.0.0.0", "2001:db8:44::9",
                                                "success", ""),
       "May  6 07:08:11 pa-edge-01 " + GpRecord("2024/05/06 07:08:10", "gateway-auth", "alice",
                                                "203.0.113.4", "", "success", "", "Cookie")});
  ASSERT_EQ(Events().size(), 2u);
  EXPECT_EQ(Events()[0].outcome, Outcome::kSuccess);
  EXPECT_EQ(Events()[0].reason, Reason::kNone);
  EXPECT_EQ(Events()[0].source_ip, *IpAddress::Parse("2001:db8:44::9"));
  EXPECT_EQ(View(Events()[0].user_canonical), "alice");
  EXPECT_EQ(Events()[1].method, AuthMethod::kPublicKey);  // nothing typed
}

// formats.md 8.1, the Elastic fixture's lines: a pre-login (no login), a gateway login, a
// pre-login with a user.
TEST_F(GlobalProtectTest, ElasticFixtureShapes) {
  Run(
      {"Nov 30 16:09:08 1,2021/03/24 11:30:00,013101001305,GLOBALPROTECT,0,2305,2021/03/24 "
       "11:30:00,vsys1,portal-prelogin,before-login,,,,BE,,216.160.83.57,0.0.0.0,81.2.69.193,0.0."
       "0.0,09300aaa-23-4900-8aa9-32695452aa,,5.2.4,OS,\"OS 10 Pro , 64-bit\",1,,,\"\",success,,0,"
       ",0,GlobalProtect Portal,69200719497738,0x0",
       "Nov 30 16:09:08 1,2021/03/02 09:55:42,12345678999,GLOBALPROTECT,0,2305,2021/03/02 "
       "09:55:39,vsys1,gateway-auth,login,Other,,maxmustermann,10.0.0.0-10.255.255.255,PC1234,10."
       "20.30.40,0.0.0.0,0.0.0.0,0.0.0.0,985e865f-7da3-43b4-89a9-299b1bb0c975,SERIALNR,5.1.1,OS,"
       "\"OS 10 Enterprise, 64-bit\",1,,,,success,,0,pre-logon,0,GP GW "
       "intern,6894571632887748064,0x8000000000000000,1970-01-01T01:00:00.000+01:00,,0,manual "
       "only,,",
       "Nov 30 16:09:08 1,2021/03/02 09:39:33,12345678999,GLOBALPROTECT,0,2305,2021/03/02 "
       "09:39:26,vsys1,portal-prelogin,before-login,,,Max.Mustermann@domain.de,10.0.0.0-10.255."
       "255.255,,10.20.30.40,0.0.0.0,0.0.0.0,0.0.0.0,0183d851-7ea2-4a0d-80de-fde1e04ce12f,,5.1.1,"
       "OS,\"OS 10 Enterprise, 64-bit\",1,,,,success,,0,,0,GP "
       "Portal,6894571632887745099,0x8000000000000000,1970-01-01T01:00:00.000+01:00,,0,manual "
       "only,,"});
  ASSERT_EQ(Events().size(), 1u);
  const AuthEvent& e = Events()[0];
  EXPECT_EQ(e.outcome, Outcome::kSuccess);
  EXPECT_EQ(View(e.user), "maxmustermann");
  EXPECT_EQ(e.source_ip, *IpAddress::Parse("10.20.30.40"));
  EXPECT_EQ(e.time, Utc(2021, 3, 2, 9, 55, 39));
  EXPECT_EQ(View(e.target_host), "12345678999");  // no device name: the serial
  EXPECT_EQ(stats_.relevant_lines, 3u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

// formats.md 8.2, Palo Alto's samples relayed through a Panorama: two headers.
TEST_F(GlobalProtectTest, OldSystemFormatThroughAPanorama) {
  Run(
      {"Sep 24 13:22:59 10.5.172.40 Feb 24 21:45:09 BD-Panorama 1,2020/09/24 "
       "13:22:59,007200001165,SYSTEM,globalprotect,0,2020/09/24 "
       "13:22:59,,globalprotectportal-auth-fail,GP-Portal-1,0,0,general,informational,"
       "\"GlobalProtect portal user authentication failed. Login from: 60.28.233.48, User name: "
       "Administrator, Reason: Authentication failed: Invalid username or password , Auth type: "
       "profi\",641947,0x8000000000000000,0,0,0,0,,PA-VM",
       "Sep 25 02:22:59 10.5.172.40 Feb 24 22:46:02 BD-Panorama 1,2020/09/25 "
       "02:22:59,007200001165,SYSTEM,globalprotect,0,2020/09/25 "
       "02:22:59,,globalprotectportal-auth-succ,GP-Portal-1,0,0,general,informational,"
       "\"GlobalProtect portal user authentication succeeded. Login from: 65.55.223.21, User "
       "name: tng\\troy, Auth type: profile.\",642013,0x8000000000000000,0,0,0,0,,PA-VM",
       "Sep 24 17:22:59 10.5.172.40 Feb 24 19:32:23 BD-Panorama 1,2020/09/24 "
       "17:22:59,007200001165,SYSTEM,globalprotect,0,2020/09/24 "
       "17:22:59,,globalprotectgateway-auth-succ,VPN-GW-N,0,0,general,informational,"
       "\"GlobalProtect gateway user authentication succeeded. Login from: 205.178.144.19, User "
       "name: tng\\jordy, Auth type: profile, Client OS version: Microsoft Windows Server 2008 R2 "
       "Enterprise\",641811,0x8000000000000000,0,0,0,0,,PA-VM",
       // A config message of the same subtype: the family's, no login.
       "Sep 24 17:23:00 10.5.172.40 Feb 24 19:32:24 BD-Panorama 1,2020/09/24 "
       "17:23:00,007200001165,SYSTEM,globalprotect,0,2020/09/24 "
       "17:23:00,,globalprotectgateway-config-succ,VPN-GW-N,0,0,general,informational,"
       "\"GlobalProtect gateway client configuration generated. User name: tng\\jordy, Login "
       "from: 205.178.144.19\",641812,0x8000000000000000,0,0,0,0,,PA-VM"});
  ASSERT_EQ(Events().size(), 3u);
  EXPECT_EQ(Events()[0].outcome, Outcome::kFailure);
  EXPECT_EQ(Events()[0].reason, Reason::kBadPassword);
  EXPECT_EQ(View(Events()[0].user), "Administrator");
  EXPECT_EQ(Events()[0].source_ip, *IpAddress::Parse("60.28.233.48"));
  EXPECT_EQ(Events()[0].time, Utc(2020, 9, 24, 13, 22, 59));
  EXPECT_EQ(View(Events()[0].target_host), "PA-VM");
  EXPECT_EQ(Events()[1].outcome, Outcome::kSuccess);
  EXPECT_EQ(View(Events()[1].user), "tng\\troy");
  EXPECT_EQ(View(Events()[1].user_canonical), "troy");
  EXPECT_EQ(View(Events()[2].user_canonical), "jordy");
  EXPECT_EQ(Events()[2].source_ip, *IpAddress::Parse("205.178.144.19"));
  EXPECT_EQ(stats_.relevant_lines, 4u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(GlobalProtectTest, SourceRegionAndGatewayFailureOnBareLines) {
  Run(
      {"<14>1,2024/05/06 07:08:10,013101001305,SYSTEM,globalprotect,0,2024/05/06 "
       "07:08:10,,globalprotectgateway-auth-fail,GW-1,0,0,general,informational,\"GlobalProtect "
       "gateway user authentication failed. Login from: 2001:db8::15, Source region: DE, User "
       "name: svc,backup, Reason: Authentication failed: Account is locked, Auth type: "
       "profile.\",1,0x0,0,0,0,0,,fw-2",
       GpRecord("2024/05/06 07:08:11", "portal-auth", "bob", "192.0.2.77", "", "failure",
                "User is not in allow list")});
  ASSERT_EQ(Events().size(), 2u);
  EXPECT_EQ(Events()[0].source_ip, *IpAddress::Parse("2001:db8::15"));
  EXPECT_EQ(View(Events()[0].user), "svc,backup");  // a comma inside a quoted field
  EXPECT_EQ(Events()[0].reason, Reason::kLockedOut);
  EXPECT_EQ(Events()[1].reason, Reason::kDisabled);
  EXPECT_EQ(Events()[1].time, Utc(2024, 5, 6, 7, 8, 11));
  EXPECT_EQ(stats_.not_understood, 0u);
}

TEST_F(GlobalProtectTest, CutAndBrokenRecordsAreCountedAndTheRestIsRead) {
  const std::string whole = GpRecord("2024/05/06 07:08:09", "portal-auth", "carol", "198.51.100.5",
                                     "", "failure", "Invalid username or password");
  const std::string system =
      "1,2020/09/24 13:22:59,007200001165,SYSTEM,globalprotect,0,2020/09/24 "
      "13:22:59,,globalprotectportal-auth-fail,GP-Portal-1,0,0,general,informational,"
      "\"GlobalProtect portal user authentication failed. Login from: 60.28.233.48, User name: "
      "Administr";
  // Neither the generated nor the receive time readable, and no syslog header.
  std::string no_time =
      GpRecord("not a time", "gateway-auth", "erin", "192.0.2.9", "", "failure", "x");
  no_time.replace(no_time.find("2024/05/06"), 10, "2024/13/06");
  Run({
      whole.substr(0, whole.find(",failure")),      // cut before the status
      system,                                       // cut inside the user name
      system + "ator, Reason: Authentication fai",  // cut after it: still read
      GpRecord("2024/05/06 07:08:09", "gateway-auth", "dave", "", "", "failure", "x"),  // no IP
      no_time,                                                                          // no time
      "1,2024/05/06 07:08:10,013101001305,GLOBALPROTECT,0,2561,\"bad\"quote,vsys1",
      whole,
  });
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 5u);
  ASSERT_EQ(Events().size(), 2u);
  EXPECT_EQ(View(Events()[0].user), "Administrator");
  EXPECT_EQ(View(Events()[1].user), "carol");
}

TEST_F(GlobalProtectTest, HostileAndLongNamesAreKeptAsLogged) {
  const std::string name = "<script>\x07" + std::string(500, 'n');
  Run({GpRecord("2024/05/06 07:08:09", "portal-auth", name, "192.0.2.1", "", "failure", "")});
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(View(Events()[0].user), name);
  EXPECT_EQ(Events()[0].reason, Reason::kOther);
}

TEST_F(GlobalProtectTest, OtherPanOsRecordsAreNotTheFamilys) {
  Run(
      {"Nov 30 16:09:08 pa-edge-01 1,2021/03/24 11:30:00,013101001305,TRAFFIC,end,2305,2021/03/24 "
       "11:30:00,10.0.0.5,8.8.8.8,,,allow-dns,,,dns,vsys1,trust,untrust"});
  EXPECT_TRUE(Events().empty());
  EXPECT_EQ(stats_.relevant_lines, 0u);
  EXPECT_EQ(stats_.other_lines, 1u);
}

TEST(GlobalProtectRecord, RelayHeadersAndDescriptions) {
  EXPECT_EQ(SkipRelayHeader("Feb  4 21:45:09 BD-Panorama 1,2020/x"), "1,2020/x");
  EXPECT_EQ(SkipRelayHeader("Feb 24 21:45:09 1,2020/x"), "1,2020/x");
  EXPECT_EQ(SkipRelayHeader("1,2020/x"), "1,2020/x");
  EXPECT_EQ(SkipRelayHeader("Feb 24 21:45"), "Feb 24 21:45");
  std::string_view address;
  std::string_view user;
  std::string_view reason;
  ASSERT_TRUE(ParseGlobalProtectDescription(
      "GlobalProtect portal user authentication failed. Login from: 192.0.2.1, Source region: "
      "US, User name: x, Reason: bad , Auth type: profile.",
      &address, &user, &reason));
  EXPECT_EQ(address, "192.0.2.1");
  EXPECT_EQ(user, "x");
  EXPECT_EQ(reason, "bad");
  EXPECT_FALSE(ParseGlobalProtectDescription("Login from: 192.0.2.1, User name: cu", &address,
                                             &user, &reason));
  EXPECT_FALSE(
      ParseGlobalProtectDescription("User name: x, Auth type: y", &address, &user, &reason));
}

}  // namespace
}  // namespace spraytrace::parse::vpn
