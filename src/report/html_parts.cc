#include "report/html_parts.h"

#include <fmt/format.h>

#include <algorithm>

#include "detect/finding_text.h"

namespace spraytrace::report {

std::string Thousands(uint64_t n) {
  std::string digits = fmt::format("{}", n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Plural(uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", Thousands(n), n == 1 ? one : many);
}

std::string ShortTime(Timestamp time) {
  const CivilTime c = ToCivil(time);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}Z", c.year, c.month, c.day, c.hour, c.minute);
}

std::string Window(Timestamp start, Timestamp end) {
  return fmt::format("{} .. {} ({})", ShortTime(start), ShortTime(end),
                     detect::FormatSpan(end - start));
}

std::string Place(const detect::Evidence& e, const FileTable& files) {
  const std::string file = e.where.file < files.size() ? files.Path(e.where.file) : "?";
  return fmt::format("{}:{}", file, e.where.line);
}

std::string SourceText(const detect::Finding& f) {
  if (f.source_ip) return f.source_ip->ToString();
  if (!f.source_host.empty()) return f.source_host;
  if (f.related_ips.size() == 1) return f.related_ips[0].ToString();
  return Plural(f.related_ips.size(), "address", "addresses");
}

void WriteMore(size_t shown, size_t total, std::string_view what, HtmlWriter* html) {
  if (shown >= total) return;
  html->Element(
      "p", {{"class", "more"}},
      fmt::format("and {} more{}{}", Thousands(total - shown), what.empty() ? "" : " ", what));
}

void WriteNames(const std::vector<std::string>& names, size_t cap, uint64_t total,
                const std::unordered_set<std::string>& highlight, HtmlWriter* html) {
  std::vector<const std::string*> order;
  order.reserve(names.size());
  for (const std::string& n : names) {
    if (highlight.count(n)) order.push_back(&n);
  }
  for (const std::string& n : names) {
    if (!highlight.count(n)) order.push_back(&n);
  }
  const size_t shown = std::min(cap, order.size());
  html->Open("p", {{"class", "names"}});
  for (size_t i = 0; i < shown; ++i) {
    if (highlight.count(*order[i])) {
      html->Element("span", {{"class", "crit-name"}, {"title", "compromised"}}, *order[i]);
    } else {
      html->Element("span", *order[i]);
    }
    html->Text(" ");
  }
  html->Close("p");
  WriteMore(shown, std::max<uint64_t>(total, names.size()), "", html);
}

void WriteEvidence(const std::vector<detect::Evidence>& evidence, const FileTable& files,
                   size_t cap, Timestamp proof_time, HtmlWriter* html) {
  if (evidence.empty()) return;
  html->Open("ul", {{"class", "evidence"}});
  const size_t shown = std::min(cap, evidence.size());
  for (size_t i = 0; i < shown; ++i) {
    const detect::Evidence& e = evidence[i];
    if (proof_time != 0 && e.time == proof_time) {
      html->Open("li", {{"class", "proof"}});
    } else {
      html->Open("li");
    }
    html->Element("span", {{"class", "mono"}}, FormatIso8601(e.time));
    html->Text(" ");
    html->Element("code", Place(e, files));
    html->Text(" ");
    html->Text(e.why);
    html->Close("li");
  }
  html->Close("ul");
  WriteMore(shown, evidence.size(), "cited events", html);
}

}  // namespace spraytrace::report
