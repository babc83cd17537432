#include "parse/windows/windows_xml_family.h"

#include <gtest/gtest.h>

#include <string>

#include "parse/log_parser.h"

namespace spraytrace::parse {
namespace {

// CrowdSec hub fixture layout (formats.md 2.1): whitespace between elements, 7-digit SystemTime.
constexpr std::string_view kCrowdSec4625 =
    R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>  <Provider )"
    R"(Name="Microsoft-Windows-Security-Auditing" Guid="{54849625-5478-4994-a5ba-3e3b0328c30d}" />)"
    R"(   <EventID>4625</EventID>   <Version>0</Version>   <Level>0</Level>   <Task>12544</Task>)"
    R"(   <TimeCreated SystemTime="2022-04-29T12:36:01.9027913Z" />   <EventRecordID>2559)"
    R"(</EventRecordID>   <Channel>Security</Channel>   <Computer>exchange-1.mydomain.test)"
    R"(</Computer>   <Security />   </System><EventData>  <Data Name="SubjectUserSid">S-1-0-0)"
    R"(</Data>   <Data Name="TargetUserSid">S-1-0-0</Data>   <Data Name="TargetUserName">)"
    R"(asdfasdf</Data>   <Data Name="TargetDomainName">MYDOMAIN</Data>   <Data Name="Status">)"
    R"(0xc000006d</Data>   <Data Name="FailureReason">%%2313</Data>   <Data Name="SubStatus">)"
    R"(0xc0000064</Data>   <Data Name="LogonType">3</Data>   <Data Name="LogonProcessName">NtLmSsp)"
    R"(</Data>   <Data Name="AuthenticationPackageName">NTLM</Data>   <Data )"
    R"(Name="WorkstationName">DESKTOP-7QD9TN3</Data>   <Data Name="IpAddress">192.168.9.212</Data>)"
    R"(   <Data Name="IpPort">0</Data>   </EventData>  </Event>)";

class WindowsXmlTest : public ::testing::Test {
 protected:
  RecordStatus Feed(std::string_view line) {
    ++line_;
    return family_.OnLine(line, RecordContext{"windows-bf.log", {0, line_, 0}}, &sink_);
  }
  std::string_view S(StringId id) const { return strings_.View(id); }

  StringPool strings_;
  Diagnostics diagnostics_;
  CollectingSink sink_;
  WindowsXmlFamily family_{&strings_, &diagnostics_};
  uint64_t line_ = 0;
};

TEST_F(WindowsXmlTest, CrowdSecLine) {
  ASSERT_EQ(Feed(kCrowdSec4625), RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 1u);
  const AuthEvent& a = sink_.events[0];
  EXPECT_EQ(a.time, ToTimestamp(CivilTime{2022, 4, 29, 12, 36, 1, 902791}));
  EXPECT_EQ(a.reason, Reason::kUnknownUser);
  EXPECT_EQ(a.source_ip.ToString(), "192.168.9.212");
  EXPECT_EQ(S(a.user), "asdfasdf");
  EXPECT_EQ(S(a.target_host), "exchange-1.mydomain.test");
}

// python-evtx's rendering (formats.md 2.1): no T/Z, Qualifiers, elements spaced.
TEST_F(WindowsXmlTest, PythonEvtxXmlWithEntitiesAndEmptyData) {
  ASSERT_EQ(
      Feed(R"(<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>)"
           R"(<Provider Name="Microsoft-Windows-Security-Auditing"></Provider> <EventID )"
           R"(Qualifiers="">4771</EventID> <TimeCreated SystemTime="2021-12-03 12:06:04.193182">)"
           R"(</TimeCreated> <Computer>rootdc1.offsec.lan</Computer> </System> <EventData><Data )"
           R"(Name="TargetUserName">&lt;b&gt;svc&amp;ata&lt;/b&gt;</Data> <Data Name="Status">)"
           R"(0x00000018</Data> <Data Name="PreAuthType">2</Data> <Data Name="IpAddress">)"
           R"(::ffff:10.23.123.11</Data> <Data Name="CertIssuerName"></Data> <Data )"
           R"(Name="CertThumbprint"/> </EventData> </Event>)"),
      RecordStatus::kHandled);
  ASSERT_EQ(sink_.events.size(), 1u);
  EXPECT_EQ(S(sink_.events[0].user), "<b>svc&ata</b>");  // decoded; escaped only on output
  EXPECT_EQ(sink_.events[0].reason, Reason::kBadPassword);
  EXPECT_EQ(sink_.events[0].source_ip.ToString(), "10.23.123.11");
}

TEST_F(WindowsXmlTest, NotMineAndBadLines) {
  EXPECT_EQ(Feed("date=2024-10-14 time=13:46:40 logid=1"), RecordStatus::kNotMine);
  EXPECT_EQ(Feed("<Events><Event/></Events>"), RecordStatus::kNotMine);
  EXPECT_EQ(Feed("<EventData>x</EventData>"), RecordStatus::kNotMine);
  // Cut in the middle (a line length limit, a partial copy).
  EXPECT_EQ(Feed(kCrowdSec4625.substr(0, 700)), RecordStatus::kBad);
  EXPECT_EQ(Feed(R"(<Event xmlns="x"><System><EventID>abc</EventID></System></Event>)"),
            RecordStatus::kBad);
  EXPECT_EQ(Feed("<Event \xff\xfe garbage"), RecordStatus::kBad);
  EXPECT_EQ(diagnostics_.Count(DiagnosticKind::kBadRecord), 3u);
  EXPECT_EQ(diagnostics_.Sample(DiagnosticKind::kBadRecord).line, 4u);
  // Other events: handled, no attempt; and the parser is reused cleanly after failures.
  EXPECT_EQ(Feed(R"(<Event><System><EventID>4672</EventID><TimeCreated )"
                 R"(SystemTime="2022-04-29T12:36:01Z"/></System></Event>)"),
            RecordStatus::kHandled);
  EXPECT_EQ(Feed(kCrowdSec4625), RecordStatus::kHandled);
  EXPECT_EQ(sink_.events.size(), 1u);
}

TEST_F(WindowsXmlTest, FrontDoorOffersXmlLinesToTheFamily) {
  LogParser parser(&strings_, &diagnostics_);
  parser.BeginFile(0, "windows-bf.log", YearHint{2022, 12, false});
  for (uint64_t i = 1; i <= 3; ++i) parser.ParseLine(kCrowdSec4625, i, 0, &sink_);
  parser.EndFile(&sink_);
  EXPECT_EQ(sink_.events.size(), 3u);
  EXPECT_EQ(parser.stats().not_understood, 0u);
  EXPECT_EQ(diagnostics_.Total(), 0u);
}

}  // namespace
}  // namespace spraytrace::parse
