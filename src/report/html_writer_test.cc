// Markup comes only from the program; text and attribute values from logs are always escaped.
#include "report/html_writer.h"

#include <gtest/gtest.h>

namespace spraytrace::report {
namespace {

TEST(HtmlWriter, WritesElementsAndEscapesText) {
  HtmlWriter html;
  html.Open("p", {{"class", "names"}});
  html.Element("span", "<script>alert(1)</script>");
  html.Close("p");
  EXPECT_EQ(html.str(),
            "<p class=\"names\"><span>&lt;script&gt;alert(1)&lt;/script&gt;</span></p>");
}

TEST(HtmlWriter, AttributeValuesCannotCloseTheAttributeOrTheTag) {
  HtmlWriter html;
  html.Empty("rect", {{"aria-label", "\"><img src=x onerror=alert(1)>"}, {"x", "1.5"}});
  EXPECT_EQ(html.str(),
            "<rect aria-label=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\" x=\"1.5\"/>");
  html.Element("title", {{"data-n", "' onload='x"}}, "a & b");
  EXPECT_NE(html.str().find("data-n=\"&#39; onload=&#39;x\">a &amp; b</title>"), std::string::npos);
}

TEST(HtmlWriter, RawTakesOnlyConstantMarkup) {
  // Markup converts from literals at compile time only: Raw(std::string(...)) does not compile.
  static constexpr char kStyle[] = "p{color:red}";
  HtmlWriter html;
  html.Raw("<!DOCTYPE html>");
  html.Raw(kStyle);
  html.TextF("{} < {}", 1, 2);
  EXPECT_EQ(html.str(), "<!DOCTYPE html>p{color:red}1 &lt; 2");
}

}  // namespace
}  // namespace spraytrace::report
