// The HTML report's only style sheet, inlined into the page: readable on a phone (one column,
// scrolling tables and timeline), on a desktop, and printed (no shadows, colours kept, rows and
// charts not split across pages).
#ifndef SPRAYTRACE_REPORT_HTML_REPORT_STYLE_H_
#define SPRAYTRACE_REPORT_HTML_REPORT_STYLE_H_

namespace spraytrace::report {

inline constexpr char kReportCss[] = R"css(
:root{--ink:#1d232a;--muted:#5c6670;--line:#d8dde3;--bg:#f6f7f9;--card:#fff;--crit:#b3261e;
--crit-bg:#fdecea;--warn:#9a5b00;--warn-bg:#fff4e0;--fail:#d9480f;--ok:#1c6fb8;--band:#f2b600}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,
"Segoe UI",Roboto,"Noto Sans",sans-serif}
header,main,footer{max-width:1120px;margin:0 auto;padding:0 16px}
header{padding-top:20px}
h1{font-size:1.5rem;margin:0 0 4px}
h2{font-size:1.2rem;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;margin:0 0 8px}
h4{font-size:.95rem;margin:14px 0 6px}
p{margin:6px 0}
code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;
font-size:.86em;overflow-wrap:anywhere}
.meta,.note,.legend{color:var(--muted);font-size:.88rem}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:14px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 14px;
min-width:140px;flex:1 1 140px}
.card b{display:block;font-size:1.7rem;line-height:1.1}
.card.crit{border-color:var(--crit);background:var(--crit-bg);color:var(--crit)}
.card.warn{border-color:var(--warn);background:var(--warn-bg);color:var(--warn)}
.card.quiet{color:var(--muted)}
.lead{font-size:1.02rem}
.lead .crit,td .crit,.crit-name{color:var(--crit);font-weight:600}
article{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px;
margin:12px 0}
article.campaign{border-left:5px solid var(--band)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:6px 0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:8px 24px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;background:var(--card);font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
th{background:#eef1f4;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.when,td.src .mono,td.id{white-space:nowrap}
td.accounts{min-width:11em}td.span{min-width:9em}
td.id{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.82rem}
td.src .note{margin:2px 0 0;font-size:.8rem}
.sev{display:inline-block;min-width:1.6em;text-align:center;border-radius:4px;padding:0 4px;
font-weight:600;background:#e7ebef}
.sev4{background:var(--crit);color:#fff}.sev3{background:var(--warn-bg);color:var(--warn)}
ul.evidence{margin:4px 0 0;padding-left:18px;font-size:.86rem}
ul.evidence li.proof{font-weight:600}
.names{line-height:1.7}
.names span{display:inline-block;background:#eef1f4;border-radius:4px;padding:0 6px;margin:1px 2px;
font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.82rem;
overflow-wrap:anywhere}
.names span.crit-name{background:var(--crit-bg)}
.more{color:var(--muted);font-style:italic}
svg.chart{display:block;width:100%;height:auto;font-size:13px;fill:var(--ink)}
svg.timeline{min-width:620px;background:var(--card);border:1px solid var(--line);border-radius:6px}
svg.bars{max-width:560px}
svg .f{fill:var(--fail)}svg .s{fill:var(--ok)}
svg .band rect{fill:var(--band);fill-opacity:.18;stroke:var(--band);stroke-opacity:.7}
svg .band text{fill:var(--warn);font-weight:600}
svg .mark polygon{fill:var(--crit);stroke:#fff;stroke-width:1.5}
svg .axis text{fill:var(--muted);font-size:13px}
svg .axis line,svg line.zero{stroke:#9aa4ae;stroke-width:1}
svg.bars rect{fill:var(--fail)}
svg.bars.neutral rect{fill:#6b7785}
.sw{display:inline-block;width:.8em;height:.8em;vertical-align:-1px;margin:0 3px 0 10px;border-radius:2px}
.sw.f{background:var(--fail)}.sw.s{background:var(--ok)}
.sw.b{background:rgba(242,182,0,.35);border:1px solid var(--band)}
.sw.m{background:var(--crit);transform:rotate(45deg);width:.6em;height:.6em}
footer{padding:24px 16px 32px;color:var(--muted);font-size:.82rem}
@media (max-width:640px){
body{font-size:14px}
header,main,footer{padding-left:10px;padding-right:10px}
.card{min-width:120px;padding:8px 10px}
.card b{font-size:1.4rem}
article{padding:10px}
dl.facts{grid-template-columns:1fr}
dl.facts dd{margin-bottom:4px}
th,td{padding:5px 6px}
table.stack thead{display:none}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack tr{border-bottom:1px solid var(--line);padding:6px 0}
table.stack td{border:0;padding:2px 6px;text-align:left}
table.stack td[data-label]::before{content:attr(data-label);display:inline-block;min-width:5.5em;
color:var(--muted);font-size:.8rem}
svg.timeline{min-width:560px}
}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@page{margin:14mm}
body{background:#fff;font-size:10pt}
header,main,footer{max-width:none;padding:0}
.scroll{overflow:visible}
svg.timeline{min-width:0}
article,.card,tr,svg,ul.evidence li{break-inside:avoid}
h2,h3{break-after:avoid}
a{color:inherit;text-decoration:none}
}
)css";

}  // namespace spraytrace::report

#endif  // SPRAYTRACE_REPORT_HTML_REPORT_STYLE_H_
