// The HTML report: hostile names from logs stay text in every place they are shown (HTML text,
// attributes, SVG labels and tooltips), the page loads nothing and runs nothing, an empty run
// still makes a page, and a huge campaign is capped with "and N more".
#include "report/html_report.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "common/utf8.h"
#include "report/report_test_support.h"

namespace spraytrace::report {
namespace {

using namespace fixtures;  // NOLINT: test helpers

const std::string kScript = "<script>alert(1)</script>";
const std::string kScriptShown = "&lt;script&gt;alert(1)&lt;/script&gt;";
const std::string kImg = "\"><img src=x onerror=alert(1)>";
const std::string kImgShown = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";
const std::string kQuote = "' onmouseover='alert(1)";
const std::string kQuoteShown = "&#39; onmouseover=&#39;alert(1)";

// A scan's worth of report inputs, owned in one place.
struct ScanRun {
  ReadCounts counts;
  StringPool strings;
  EventTally tally{&strings};
  std::vector<detect::Finding> findings;
  FileTable files;
  Diagnostics diagnostics;

  std::string Render(size_t max_items = 100) const {
    HtmlReportInput in;
    in.counts = &counts;
    in.tally = &tally;
    in.findings = &findings;
    in.files = &files;
    in.diagnostics = &diagnostics;
    in.strings = &strings;
    in.generated = At(5, 8);
    in.version = "0.test";
    in.max_items = max_items;
    return RenderHtmlReport(in);
  }

  void Fail(Timestamp time, const std::string& user, const std::string& host) {
    AuthEvent e;
    e.time = time;
    e.user = e.user_canonical = strings.Intern(user);
    e.source_host = strings.Intern(host);
    e.outcome = Outcome::kFailure;
    tally.Observe(e);
  }
};

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Reads every tag of the page and fails on any element or attribute the report does not write
// itself: a name from a log that became markup would show up here as <img, <script, onerror=...
void ExpectOnlyOwnMarkup(const std::string& page) {
  static const std::set<std::string> kTags = {
      "html",  "head",   "meta",    "link",    "title", "style", "body",    "header",
      "main",  "footer", "section", "article", "h1",    "h2",    "h3",      "h4",
      "p",     "div",    "span",    "strong",  "b",     "code",  "a",       "table",
      "thead", "tbody",  "tr",      "th",      "td",    "ul",    "li",      "dl",
      "dt",    "dd",     "svg",     "g",       "rect",  "text",  "polygon", "line"};
  static const std::set<std::string> kAttrs = {
      "lang",    "charset", "http-equiv", "content", "name",        "rel",
      "href",    "class",   "id",         "title",   "role",        "aria-label",
      "viewBox", "x",       "y",          "x1",      "x2",          "y1",
      "y2",      "width",   "height",     "points",  "text-anchor", "data-label"};
  ASSERT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  size_t tags = 0;
  size_t i = std::string("<!DOCTYPE html>").size();
  while ((i = page.find('<', i)) != std::string::npos) {
    ++i;
    const bool closing = page[i] == '/';
    if (closing) ++i;
    const size_t name_start = i;
    while (i < page.size() && std::isalnum(static_cast<unsigned char>(page[i]))) ++i;
    const std::string tag = page.substr(name_start, i - name_start);
    ++tags;
    ASSERT_TRUE(kTags.count(tag)) << "unexpected tag '" << tag << "' at " << name_start << ": "
                                  << page.substr(name_start - 1, 80);
    while (i < page.size() && page[i] != '>') {
      if (page[i] == ' ') {
        ++i;
        continue;
      }
      if (page.compare(i, 2, "/>") == 0) {
        ++i;
        continue;
      }
      const size_t attr_start = i;
      while (i < page.size() && page[i] != '=' && page[i] != '>' && page[i] != ' ') ++i;
      const std::string attr = page.substr(attr_start, i - attr_start);
      ASSERT_TRUE(kAttrs.count(attr)) << "unexpected attribute '" << attr << "' in <" << tag;
      ASSERT_EQ(page.compare(i, 2, "=\""), 0) << "unquoted value of " << attr;
      const size_t value_end = page.find('"', i + 2);
      ASSERT_NE(value_end, std::string::npos);
      const std::string value = page.substr(i + 2, value_end - i - 2);
      EXPECT_EQ(value.find('<'), std::string::npos) << attr << "=" << value;
      if (attr == "href") {
        EXPECT_TRUE(value[0] == '#' || value == "data:,") << value;
      }
      i = value_end + 1;
    }
    if (tag == "style" && !closing) i = page.find("</style>", i);  // CSS holds no tags
  }
  EXPECT_GT(tags, 40u) << "the whole page was read";
}

void ExpectSelfContained(const std::string& page) {
  EXPECT_NE(page.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                      "&#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:\"/>"),
            std::string::npos);
  EXPECT_NE(page.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"),
            std::string::npos);
  for (const char* banned : {"<script", "http://", "https://", "url(", "@import", "src=\"",
                             "javascript:", "<img", "<iframe", "<object", "<link rel=\"style"}) {
    EXPECT_EQ(page.find(banned), std::string::npos) << banned;
  }
  EXPECT_TRUE(IsValidUtf8(page));
  EXPECT_NE(page.find("@media print"), std::string::npos);
}

void FillHostile(ScanRun& run) {
  run.files.Add("/var/log/" + kImg + ".log");
  run.counts.files_read = 1;
  run.counts.lines = 5000;
  const std::string campaign = "distributed-" + kImg;
  detect::Finding period = CampaignPeriod(campaign, At(3, 0), At(4, 2), 40, 3);
  period.related_users = {kScript, kImg, "user2"};
  period.summary = "names like " + kScript + " were tried";
  period.evidence[0].why = "198.18.0.7 failed for " + kImg + " (unknown_user)";
  detect::SourcesProfile where;
  where.sources = 40;
  where.with_asn = where.with_country = 40;
  where.distinct_asns = where.distinct_countries = 2;
  where.asns = {{64501, kScript, 30}, {64502, "", 10}};
  where.countries = {{kQuote, 25}, {"DE", 15}};
  period.sources_profile = where;
  run.findings.push_back(period);
  detect::Finding compromise = Compromise(kScript, "203.0.113.9", campaign, At(3, 12));
  compromise.summary = kScript + " logged in from 203.0.113.9";
  compromise.source_profile = detect::SourceProfile{64500, kImg, "DE", {kQuote}};
  run.findings.push_back(compromise);
  // A name that would close an attribute: it is in the timeline mark's aria-label.
  run.findings.push_back(Compromise(kImg + kQuote, "203.0.113.10", campaign, At(3, 13)));
  detect::Finding brute = BruteForce("192.0.2.1", kImg, At(2, 3));
  brute.source_ip.reset();
  brute.related_ips.clear();
  brute.source_host = kQuote;
  run.findings.push_back(brute);
  for (int i = 0; i < 5; ++i) run.Fail(At(3, i), kScript, kQuote);
  run.Fail(At(3, 5), "\x1b[31mred\xff", "host.example");
  run.diagnostics.Report(DiagnosticKind::kUnknownFormat, run.files.Path(0), 7, kScript);
}

TEST(HtmlReport, HostileNamesStayTextEverywhere) {
  ScanRun run;
  FillHostile(run);
  const std::string page = run.Render();
  ExpectOnlyOwnMarkup(page);
  ExpectSelfContained(page);
  // HTML text: the compromised account in the headline and its table, the campaign's targeted
  // accounts (highlighted), summaries, the tally's top accounts and the diagnostics sample.
  EXPECT_NE(page.find("<span class=\"crit\">" + kScriptShown + "</span>"), std::string::npos);
  EXPECT_NE(page.find("<strong class=\"crit\">" + kScriptShown + "</strong>"), std::string::npos);
  EXPECT_NE(page.find("<span class=\"crit-name\" title=\"compromised\">" + kScriptShown),
            std::string::npos);
  EXPECT_NE(page.find("<span>" + kImgShown + "</span>"), std::string::npos);
  EXPECT_NE(page.find("names like " + kScriptShown), std::string::npos);
  EXPECT_NE(page.find("failed for " + kImgShown), std::string::npos);
  EXPECT_NE(page.find("/var/log/" + kImgShown + ".log:100"), std::string::npos);
  EXPECT_NE(page.find(kQuoteShown + "</span></td>"), std::string::npos);  // a host-name source
  // Enrichment data is input too: AS names and intel tags from the databases.
  EXPECT_NE(page.find("AS64500 " + kImgShown + ", DE, intel: " + kQuoteShown), std::string::npos);
  EXPECT_NE(page.find("<title>AS64501 " + kScriptShown + ": 30</title>"), std::string::npos);
  EXPECT_NE(page.find(">" + kQuoteShown + "</text>"), std::string::npos);  // a country
  EXPECT_NE(page.find("unknown_format"), std::string::npos);
  // SVG: the compromise mark's attribute and tooltip, the campaign band's tooltip, the bar
  // charts' labels and tooltips.
  EXPECT_NE(page.find("aria-label=\"compromised: " + kScriptShown + " from 203.0.113.9"),
            std::string::npos);
  EXPECT_NE(page.find("<title>compromised: " + kScriptShown), std::string::npos);
  EXPECT_NE(page.find("aria-label=\"compromised: " + kImgShown + kQuoteShown + " from"),
            std::string::npos);
  EXPECT_NE(page.find("<title>distributed-" + kImgShown), std::string::npos);
  EXPECT_NE(page.find("<title>" + kScriptShown + ": 5</title>"), std::string::npos);
  EXPECT_NE(page.find(">" + kScriptShown + "</text>"), std::string::npos);
  EXPECT_NE(page.find("<title>" + kQuoteShown + ": 5</title>"), std::string::npos);
  // Control characters and invalid bytes are shown, not sent.
  EXPECT_NE(page.find("\\x1b[31mred\\xff"), std::string::npos);
  EXPECT_EQ(page.find('\x1b'), std::string::npos);
  EXPECT_GE(Count(page, kScriptShown), 10u);
}

TEST(HtmlReport, HeadlinePutsCompromisesAndCampaignsFirst) {
  ScanRun run;
  run.files.Add("auth.log");
  run.findings = {CampaignPeriod("c-1", At(3, 0), At(3, 20), 300, 40),
                  Compromise("alice", "203.0.113.9", "c-1", At(3, 12)),
                  Compromise("alice", "203.0.113.10", "c-1", At(3, 13)),
                  Compromise("bob", "203.0.113.11", "c-1", At(3, 14)),
                  BruteForce("203.0.113.45", "root", At(2, 3))};
  run.Fail(At(3, 1), "user1", "h");
  const std::string page = run.Render();
  ExpectOnlyOwnMarkup(page);
  EXPECT_NE(page.find("<title>spraytrace report: 2 compromised accounts, 1 campaign</title>"),
            std::string::npos);
  EXPECT_NE(page.find("<div class=\"card crit\"><b>2</b>compromised accounts</div>"),
            std::string::npos);
  EXPECT_NE(page.find("<div class=\"card warn\"><b>1</b>distributed spray campaign</div>"),
            std::string::npos);
  EXPECT_NE(page.find("<b>1</b>brute_force findings"), std::string::npos);
  EXPECT_NE(page.find("2 accounts were logged in by an attacker"), std::string::npos);
  EXPECT_NE(page.find("300 addresses in 300 /24 networks"), std::string::npos);
  EXPECT_NE(page.find("compromise.distributed 3"), std::string::npos);
  // Sections in reading order.
  const size_t headline = page.find("id=\"headline\""), timeline = page.find("id=\"timeline\""),
               compromised = page.find("id=\"compromised\""),
               campaigns = page.find("id=\"campaigns\""), others = page.find("id=\"others\"");
  ASSERT_NE(others, std::string::npos);
  EXPECT_LT(headline, timeline);
  EXPECT_LT(timeline, compromised);
  EXPECT_LT(compromised, campaigns);
  EXPECT_LT(campaigns, others);
  // The compromising login is cited with file, line and time, and marked as the proof.
  EXPECT_NE(page.find("<li class=\"proof\"><span class=\"mono\">2026-11-03T12:00:00Z</span> "
                      "<code>auth.log:4547</code> accepted password for alice</li>"),
            std::string::npos);
  EXPECT_EQ(Count(page, "<g class=\"mark\""), 3u);
  EXPECT_EQ(Count(page, "<g class=\"band\""), 1u);
  EXPECT_NE(page.find("0.test"), std::string::npos);
}

TEST(HtmlReport, EmptyRunStillMakesAPage) {
  ScanRun run;
  const std::string page = run.Render();
  ExpectOnlyOwnMarkup(page);
  ExpectSelfContained(page);
  EXPECT_NE(page.find("No authentication attempts were read."), std::string::npos);
  EXPECT_EQ(page.find("<svg"), std::string::npos);
  EXPECT_NE(page.find("<b>0</b>compromised accounts"), std::string::npos);
  EXPECT_NE(page.find("No distributed spray campaign was found."), std::string::npos);
  EXPECT_LT(page.size(), 12000u);
}

TEST(HtmlReport, QuietRunSaysNothingWasFound) {
  ScanRun run;
  run.Fail(At(3, 1), "alice", "h");
  const std::string page = run.Render();
  EXPECT_NE(page.find("Nothing found"), std::string::npos);
  EXPECT_NE(page.find("<svg class=\"chart timeline\""), std::string::npos);
}

TEST(HtmlReport, HugeCampaignIsCappedWithAndNMore) {
  ScanRun run;
  run.files.Add("auth.log");
  run.findings.push_back(CampaignPeriod("c-big", At(3, 0), At(6, 0), 10000, 5000));
  for (int i = 0; i < 250; ++i) {
    run.findings.push_back(BruteForce("192.0.2.1", "root", At(2, 0) + i * kMicrosPerMinute));
  }
  const std::string page = run.Render(/*max_items=*/100);
  ExpectOnlyOwnMarkup(page);
  EXPECT_NE(page.find("10,000 addresses in 10,000 /24 networks"), std::string::npos);
  EXPECT_NE(page.find("and 9,900 more</p>"), std::string::npos);  // addresses
  EXPECT_NE(page.find("and 4,900 more</p>"), std::string::npos);  // targeted accounts
  EXPECT_NE(page.find("and 150 more findings"), std::string::npos);
  EXPECT_EQ(Count(page, "<span>198."), 100u);
  EXPECT_EQ(Count(page, "<tr><td data-label=\"severity\"><span class=\"sev sev2\">"), 100u);
  EXPECT_LT(page.size(), 400u * 1024) << "a capped report stays small";
}

}  // namespace
}  // namespace spraytrace::report
