// The three Entra ID sign-in shapes, read through the front door as a scan reads them: lines in
// each real shape (formats.md section 3; our own values), the envelopes they come in, and the
// nasty ones (wrong types, missing fields, cut JSON, IPv6, IPv4-mapped, huge and odd values).
#include "parse/entra/entra_families.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "parse/family_registry.h"
#include "parse/log_parser.h"

namespace spraytrace::parse {
namespace {

constexpr std::string_view kTenant = "4bbb79f7-5724-4c9e-95f3-de075f6ec090";

// Graph auditLogs/signIns, one record (the fields a Graph page carries, trimmed).
std::string Graph(std::string_view user, std::string_view ip, std::string_view code,
                  std::string_view time = "2024-05-01T10:00:00Z") {
  return R"({"id":"66ea54eb-6301-4ee5-be62-ff5a759b0100","createdDateTime":")" + std::string(time) +
         R"(","userDisplayName":"Test User","userPrincipalName":")" + std::string(user) +
         R"(","userId":"d7a6f8a2-1f1c-4e9b-9d3c-0c8e2b1a7f55","appId":"1b730954-1685-4b74-9bfd-dac224a7b894",)"
         R"("appDisplayName":"Azure Active Directory PowerShell","ipAddress":")" +
         std::string(ip) +
         R"(","clientAppUsed":"Mobile Apps and Desktop clients","userAgent":"python-requests/2.31.0",)"
         R"("correlationId":"0c4d1f7e-8a41-4a3b-b0c5-3f1e2d4c5b6a","conditionalAccessStatus":"notApplied",)"
         R"("isInteractive":true,"riskDetail":"none","status":{"errorCode":)" +
         std::string(code) +
         R"(,"failureReason":"Error validating credentials due to invalid username or password.",)"
         R"("additionalDetails":null},"location":{"city":"Amsterdam","countryOrRegion":"NL"},)"
         R"("resourceTenantId":")" +
         std::string(kTenant) + R"(","homeTenantId":")" + std::string(kTenant) + R"("})";
}

// Log Analytics SigninLogs row as the Logs API / a Sentinel export writes it.
std::string Sentinel(std::string_view user, std::string_view ip, std::string_view result_type,
                     std::string_view extra = "") {
  return R"({"TenantId":"a1b2c3d4-0000-4000-8000-00000000beef","SourceSystem":"Azure AD",)"
         R"("TimeGenerated":"2024-05-01T10:00:05.1234567Z","ResourceId":"/tenants/)" +
         std::string(kTenant) +
         R"(/providers/Microsoft.aadiam","OperationName":"Sign-in activity","Category":"SignInLogs",)"
         R"("ResultType":)" +
         std::string(result_type) +
         R"(,"ResultDescription":"Invalid username or password or Invalid on-premise username or password.",)"
         R"("Identity":"Test User","Level":"4","Location":"NL","AppDisplayName":"Microsoft Office",)"
         R"j("ClientAppUsed":"Browser","UserAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)",)j"
         R"("IPAddress":")" +
         std::string(ip) + R"(","UserPrincipalName":")" + std::string(user) +
         R"(","AADTenantId":")" + std::string(kTenant) + R"(",)" + std::string(extra) +
         R"("Type":"SigninLogs"})";
}

// Azure Monitor diagnostic-settings record (storage account / Event Hub).
std::string Azmon(std::string_view category, std::string_view user, std::string_view caller_ip,
                  std::string_view ip, std::string_view result_type, std::string_view code) {
  return R"({"time":"2024-05-01T10:00:09.6816663Z","resourceId":"/tenants/)" +
         std::string(kTenant) +
         R"(/providers/Microsoft.aadiam","operationName":"Sign-in activity","operationVersion":"1.0",)"
         R"("category":")" +
         std::string(category) + R"(","tenantId":")" + std::string(kTenant) +
         R"(","resultType":")" + std::string(result_type) +
         R"(","resultSignature":"None","durationMs":0,"callerIpAddress":")" +
         std::string(caller_ip) +
         R"(","correlationId":"7532b99a-06da-4c23-91e5-0f062bc0dcb3","identity":"Test User","Level":4,)"
         R"("location":"NL","properties":{"id":"933f20c0-efdf-477f-9586-e5cc566d2e00",)"
         R"("createdDateTime":"2024-05-01T10:00:09.6816663+00:00","userDisplayName":"Test User",)"
         R"("userPrincipalName":")" +
         std::string(user) + R"(","appDisplayName":"Azure Portal","ipAddress":")" +
         std::string(ip) + R"(","status":{"errorCode":)" + std::string(code) +
         R"(},"clientAppUsed":"Browser","userAgent":"Mozilla/5.0 Edg/97.0.1072.69",)"
         R"("isInteractive":true,"authenticationDetails":[{"succeeded":false}]}})";
}

class EntraTest : public ::testing::Test {
 protected:
  void Run(const std::vector<std::string>& lines, std::string_view forced = {}) {
    ParserOptions options;
    options.forced_family = std::string(forced);
    parser_ = std::make_unique<LogParser>(&strings_, &diagnostics_, options);
    parser_->BeginFile(0, "signins.json", YearHint{2024, 5, false});
    uint64_t offset = 0;
    uint64_t number = 0;
    for (const std::string& line : lines) {
      parser_->ParseLine(line, ++number, offset, &sink_);
      offset += line.size() + 1;
    }
    parser_->EndFile(&sink_);
  }
  const AuthEvent& E(size_t i) const { return sink_.events.at(i); }
  std::string_view S(StringId id) const { return strings_.View(id); }
  uint64_t FamilyCount(std::string_view name) const {
    for (const auto& [family, count] : parser_->stats().by_family) {
      if (family == name) return count;
    }
    return 0;
  }

  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  std::unique_ptr<LogParser> parser_;
};

TEST_F(EntraTest, GraphLinesMapEveryField) {
  Run({Graph("Alice@Contoso.onmicrosoft.com", "2a09:bac5:111:105::1a:89", "50126"),
       Graph("bob@contoso.onmicrosoft.com", "::ffff:203.0.113.9", "0", "2024-05-01T10:00:01Z"),
       Graph("carol@contoso.onmicrosoft.com", "198.51.100.7", "50076",
             "2024-05-01T05:00:02.1234567-05:00")});
  ASSERT_EQ(sink_.events.size(), 3u);
  const AuthEvent& a = E(0);
  EXPECT_EQ(a.service, Service::kEntra);
  EXPECT_EQ(a.outcome, Outcome::kFailure);
  EXPECT_EQ(a.reason, Reason::kBadPassword);
  EXPECT_EQ(S(a.user), "Alice@Contoso.onmicrosoft.com");  // raw kept
  EXPECT_EQ(S(a.user_canonical), "alice");
  ASSERT_TRUE(a.has_source_ip);
  EXPECT_EQ(a.source_ip.ToString(), "2a09:bac5:111:105::1a:89");
  EXPECT_EQ(S(a.tenant), kTenant);  // homeTenantId, Graph having no tenantId
  EXPECT_EQ(S(a.client), "python-requests/2.31.0");
  EXPECT_EQ(S(a.target_host), "Azure Active Directory PowerShell");
  EXPECT_EQ(a.method, AuthMethod::kPassword);
  EXPECT_EQ(a.time, ToTimestamp(CivilTime{2024, 5, 1, 10, 0, 0, 0}));
  EXPECT_EQ(a.where.line, 1u);
  EXPECT_EQ(E(1).outcome, Outcome::kSuccess);
  EXPECT_EQ(E(1).source_ip.ToString(), "203.0.113.9");  // v4-mapped becomes IPv4
  EXPECT_EQ(E(1).where.line, 2u);
  EXPECT_EQ(E(1).where.offset,
            Graph("Alice@Contoso.onmicrosoft.com", "2a09:bac5:111:105::1a:89", "50126").size() + 1);
  // MFA required: the password was right, a hit for the detectors.
  EXPECT_EQ(E(2).reason, Reason::kMfaRequired);
  EXPECT_TRUE(IsPasswordCorrect(E(2).reason));
  EXPECT_EQ(E(2).time, ToTimestamp(CivilTime{2024, 5, 1, 10, 0, 2, 123456}));  // -05:00 applied
  EXPECT_EQ(FamilyCount("entra-graph"), 3u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(EntraTest, GraphPageSpanningLinesCitesEachRecord) {
  Run({"{",
       R"(  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns",)",
       R"(  "value": [)", "    " + Graph("a@contoso.com", "203.0.113.1", "50126") + ",",
       "    " + Graph("b@contoso.com", "203.0.113.2", "50053") + ",",
       "    " + Graph("c@contoso.com", "203.0.113.3", "50140"), "  ],",
       R"(  "@odata.nextLink": "https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=x")",
       "}"});
  ASSERT_EQ(sink_.events.size(), 2u);  // 50140 "keep me signed in" is no attempt
  EXPECT_EQ(E(0).where.line, 4u);
  EXPECT_EQ(E(1).where.line, 5u);
  EXPECT_EQ(E(1).reason, Reason::kLockedOut);
  EXPECT_EQ(FamilyCount("entra-graph"), 3u);  // the interrupt is read, not lost
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

// Graph PowerShell SDK objects serialised with ConvertTo-Json: PascalCase, code as a string.
TEST_F(EntraTest, GraphPowerShellPascalCase) {
  Run({R"({"AppDisplayName":"Office 365 Exchange Online","ClientAppUsed":"Exchange ActiveSync",)"
       R"("CreatedDateTime":"2024-05-01T10:00:00Z","IPAddress":"203.0.113.50",)"
       R"("Status":{"ErrorCode":"50034","FailureReason":"User account not found."},)"
       R"("UserPrincipalName":"nobody@contoso.com","UserAgent":null})"});
  ASSERT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(E(0).reason, Reason::kUnknownUser);
  EXPECT_EQ(S(E(0).client), "Exchange ActiveSync");  // no user agent: the client app
  EXPECT_EQ(E(0).tenant, kNoString);
  EXPECT_EQ(FamilyCount("entra-graph"), 1u);
}

TEST_F(EntraTest, SentinelRowsStringAndNumberCodesAndTenant) {
  Run({Sentinel("Alice@contoso.com", "203.0.113.7", R"("50126")"),
       Sentinel("bob@contoso.com", "2001:db8::1", "50053"),
       Sentinel("carol@contoso.com", "203.0.113.8", R"("53003")"),
       Sentinel("dave@contoso.com", "203.0.113.9", R"("0")")});
  ASSERT_EQ(sink_.events.size(), 4u);
  EXPECT_EQ(E(0).reason, Reason::kBadPassword);
  EXPECT_EQ(S(E(0).user_canonical), "alice");
  EXPECT_EQ(S(E(0).tenant), kTenant);  // AADTenantId, not the workspace's TenantId
  EXPECT_EQ(E(0).time, ToTimestamp(CivilTime{2024, 5, 1, 10, 0, 5, 123456}));
  EXPECT_EQ(S(E(0).client), "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
  EXPECT_EQ(E(1).reason, Reason::kLockedOut);
  EXPECT_EQ(E(1).source_ip.ToString(), "2001:db8::1");
  // Conditional access refused after the password was accepted: a hit.
  EXPECT_EQ(E(2).reason, Reason::kBlockedAfterPassword);
  EXPECT_TRUE(IsPasswordCorrect(E(2).reason));
  EXPECT_EQ(E(3).outcome, Outcome::kSuccess);
  EXPECT_EQ(FamilyCount("entra-sentinel"), 4u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(EntraTest, SentinelStatusAsJsonTextWithoutResultType) {
  Run({R"({"TimeGenerated":"2024-05-01T10:00:00Z","UserPrincipalName":"eve@contoso.com",)"
       R"("IPAddress":"203.0.113.10","TenantId":"A1B2C3D4-0000-4000-8000-00000000BEEF",)"
       R"("Status":"{\"errorCode\":50057,\"failureReason\":\"User account is disabled.\"}"})",
       R"({"TimeGenerated":"2024-05-01T10:00:01Z","UserPrincipalName":"svc@contoso.com",)"
       R"("IPAddress":"203.0.113.11","ResultType":"0","Type":"AADServicePrincipalSignInLogs"})",
       R"({"TimeGenerated":"2024-05-01T10:00:02Z","UserPrincipalName":"frank@contoso.com",)"
       R"("IPAddress":"203.0.113.12","Status":{"errorCode":500121}})"});
  ASSERT_EQ(sink_.events.size(), 2u);  // the service principal makes no event
  EXPECT_EQ(E(0).reason, Reason::kDisabled);
  // Only the workspace id: kept (lower-cased) so one export still reads as one tenant.
  EXPECT_EQ(S(E(0).tenant), "a1b2c3d4-0000-4000-8000-00000000beef");
  EXPECT_EQ(E(1).reason, Reason::kMfaRequired);
  EXPECT_EQ(FamilyCount("entra-sentinel"), 3u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(EntraTest, AzureMonitorRecordsEnvelopeAndCategories) {
  // A storage blob or Event Hub message: the whole {"records":[...]} on one line, and the same
  // indented over several lines.
  const std::string first =
      Azmon("SignInLogs", "alice@contoso.com", "203.0.113.20", "203.0.113.21", "50126", "50126");
  const std::string second = Azmon("NonInteractiveUserSignInLogs", "bob@contoso.com",
                                   "203.0.113.22", "", "50079", "50079");
  const std::string principal =
      Azmon("ServicePrincipalSignInLogs", "c3813493-bf92-5123-2717-8a8b2979c38b", "203.0.113.23",
            "203.0.113.23", "0", "0");
  const std::string audit =
      R"({"time":"2024-05-01T10:01:00Z","category":"AuditLogs","operationName":"Add user",)"
      R"("properties":{"activityDisplayName":"Add user"}})";
  Run({R"({"records":[)" + first + "," + second + "," + principal + "," + audit + "]}",
       R"({"records": [)", "  " + first + ",", "  " + second, "]}"});
  ASSERT_EQ(sink_.events.size(), 4u) << diagnostics_.Sample(DiagnosticKind::kBadJson).detail
                                     << diagnostics_.Sample(DiagnosticKind::kBadRecord).detail;
  EXPECT_EQ(E(2).where.line, 3u);
  EXPECT_EQ(E(3).where.line, 4u);
  // properties.ipAddress (the sign-in's own, as Graph shows it) over callerIpAddress.
  EXPECT_EQ(E(0).source_ip.ToString(), "203.0.113.21");
  EXPECT_EQ(E(0).reason, Reason::kBadPassword);
  EXPECT_EQ(S(E(0).tenant), kTenant);
  EXPECT_EQ(S(E(0).target_host), "Azure Portal");
  EXPECT_EQ(E(0).time, ToTimestamp(CivilTime{2024, 5, 1, 10, 0, 9, 681666}));
  EXPECT_EQ(E(0).where.line, 1u);
  // No properties.ipAddress: callerIpAddress.
  EXPECT_EQ(E(1).source_ip.ToString(), "203.0.113.22");
  EXPECT_EQ(E(1).reason, Reason::kMfaRequired);
  EXPECT_EQ(FamilyCount("entra-azmon"), 5u);
  EXPECT_EQ(parser_->stats().other_lines, 1u);  // the AuditLogs record: valid, not a sign-in
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(EntraTest, AzureMonitorStatusCodeWinsOverResultTypeAndFallsBack) {
  std::string no_status =
      Azmon("SignInLogs", "dave@contoso.com", "203.0.113.30", "203.0.113.30", "50053", "0");
  no_status.replace(no_status.find(R"("status":{"errorCode":0},)"), 25, "");
  Run({Azmon("SignInLogs", "carol@contoso.com", "203.0.113.30", "203.0.113.30", "50126", "50055"),
       no_status});
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(E(0).reason, Reason::kExpiredPassword);  // status.errorCode
  EXPECT_EQ(E(1).reason, Reason::kLockedOut);        // resultType
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

TEST_F(EntraTest, BadRecordsAreCountedAndTheRestRead) {
  std::string cut = Graph("cut@contoso.com", "203.0.113.40", "50126");
  cut.resize(cut.size() / 2);
  std::string no_time = Graph("x@contoso.com", "203.0.113.41", "50126", "yesterday");
  std::string no_user = Graph("", "203.0.113.42", "50126");
  std::string number_user = Graph("x", "203.0.113.43", "50126");
  number_user.replace(number_user.find(R"("userPrincipalName":"x")"), 23,
                      R"("userPrincipalName":42)");
  Run({Graph("ok1@contoso.com", "203.0.113.1", "50126"), cut, no_time, no_user, number_user,
       Graph("bad-code@contoso.com", "203.0.113.44", R"("fifty")"),
       Graph("float-code@contoso.com", "203.0.113.45", "50126.5"),
       Graph("array-code@contoso.com", "203.0.113.46", "[50126]"),
       R"({"createdDateTime":"2024-05-01T10:00:00Z","userPrincipalName":"s@contoso.com",)"
       R"("ipAddress":"203.0.113.47","status":7})",
       R"({"createdDateTime":"2024-05-01T10:00:00Z","userPrincipalName":"n@contoso.com",)"
       R"("ipAddress":"203.0.113.48"})",
       Sentinel("y@contoso.com", "203.0.113.49", R"("50126")", R"("Status":"{not json",)"),
       Graph("ok2@contoso.com", "203.0.113.2", "50126")});
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(S(E(0).user), "ok1@contoso.com");
  EXPECT_EQ(S(E(1).user), "ok2@contoso.com");
  EXPECT_EQ(E(1).where.line, 12u);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadJson), 1u);    // the cut line
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 9u);  // every other bad one
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadRecord).line, 3u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadRecord).detail,
            "Entra sign-in without a usable time");
}

TEST_F(EntraTest, OddValuesAreKeptRawAndNeverCrash) {
  const std::string huge_agent(200000, 'A');
  std::string line = Graph("mallory\\u0001<b>@contoso.com", "not-an-address", "50126");
  line.replace(line.find("python-requests/2.31.0"), 22, huge_agent);
  Run({line, Graph("MIXED@Contoso.COM", "[2001:db8::5]", "4294967295")});
  ASSERT_EQ(sink_.events.size(), 2u);
  EXPECT_EQ(S(E(0).user), "mallory\x01<b>@contoso.com");  // escaped where shown, not here
  EXPECT_FALSE(E(0).has_source_ip);
  EXPECT_EQ(S(E(0).source_host), "not-an-address");
  EXPECT_EQ(S(E(0).client).size(), huge_agent.size());
  EXPECT_EQ(S(E(1).user_canonical), "mixed");
  EXPECT_EQ(E(1).reason, Reason::kOther);  // a code nobody knows: still a failed attempt
}

TEST_F(EntraTest, EachShapeIsRecognisedInOneMixedFile) {
  Run({Graph("a@contoso.com", "203.0.113.1", "50126"),
       Sentinel("b@contoso.com", "203.0.113.2", R"("50126")"),
       Azmon("SignInLogs", "c@contoso.com", "203.0.113.3", "203.0.113.3", "50126", "50126"),
       "Dec 10 07:00:03 gate sshd[1]: Failed password for root from 192.0.2.1 port 4 ssh2"});
  ASSERT_EQ(sink_.events.size(), 4u);
  EXPECT_EQ(FamilyCount("entra-graph"), 1u);
  EXPECT_EQ(FamilyCount("entra-sentinel"), 1u);
  EXPECT_EQ(FamilyCount("entra-azmon"), 1u);
  EXPECT_EQ(FamilyCount("sshd"), 1u);
}

TEST_F(EntraTest, ForcedFormatReadsOnlyItsShape) {
  for (const std::string_view name : {"entra-graph", "entra-sentinel", "entra-azmon"}) {
    SCOPED_TRACE(name);
    ParserOptions options;
    options.forced_family = std::string(name);
    ASSERT_TRUE(ValidateParserOptions(options).ok());
    sink_.events.clear();
    Run({Graph("a@contoso.com", "203.0.113.1", "50126"),
         Sentinel("b@contoso.com", "203.0.113.2", R"("50126")"),
         Azmon("SignInLogs", "c@contoso.com", "203.0.113.3", "203.0.113.3", "50126", "50126")},
        name);
    ASSERT_EQ(sink_.events.size(), 1u);
    EXPECT_EQ(FamilyCount(name), 1u);
  }
}

TEST(EntraRegistry, FamiliesAreNamedForFormatAndMessages) {
  const std::vector<std::string> names = FamilyNames();
  for (const std::string_view name : {"entra-graph", "entra-sentinel", "entra-azmon"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
  StringPool strings;
  Diagnostics diagnostics;
  LogParser parser(&strings, &diagnostics, ParserOptions{});
  CollectingSink sink;
  parser.BeginFile(0, "nothing.txt", YearHint{2024, 5, false});
  parser.ParseLine("this is not a log", 1, 0, &sink);
  parser.EndFile(&sink);
  const std::string& tried = diagnostics.Sample(DiagnosticKind::kUnrecognisedFile).detail;
  EXPECT_NE(tried.find("entra-azmon, entra-sentinel, entra-graph, m365-ual, ecs"),
            std::string::npos)
      << tried;
  // Tried in this order: the shapes whose keys the bare Graph record may share go first.
  const auto at = [&](std::string_view name) {
    return std::find(names.begin(), names.end(), name);
  };
  EXPECT_LT(at("entra-azmon"), at("entra-sentinel"));
  EXPECT_LT(at("entra-sentinel"), at("entra-graph"));
  EXPECT_LT(at("entra-graph"), at("ecs"));
}

}  // namespace
}  // namespace spraytrace::parse
