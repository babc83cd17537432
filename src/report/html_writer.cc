#include "report/html_writer.h"

#include "report/utf8.h"

namespace spraytrace::report {

void HtmlWriter::OpenTag(Markup tag, std::initializer_list<Attr> attrs) {
  out_.push_back('<');
  out_.append(tag.view());
  for (const Attr& attr : attrs) {
    out_.push_back(' ');
    out_.append(attr.name.view());
    out_.append("=\"");
    AppendHtmlEscaped(attr.value, &out_);
    out_.push_back('"');
  }
}

void HtmlWriter::Open(Markup tag, std::initializer_list<Attr> attrs) {
  OpenTag(tag, attrs);
  out_.push_back('>');
}

void HtmlWriter::Close(Markup tag) {
  out_.append("</");
  out_.append(tag.view());
  out_.push_back('>');
}

void HtmlWriter::Empty(Markup tag, std::initializer_list<Attr> attrs) {
  OpenTag(tag, attrs);
  out_.append("/>");
}

void HtmlWriter::Element(Markup tag, std::initializer_list<Attr> attrs, std::string_view text) {
  Open(tag, attrs);
  Text(text);
  Close(tag);
}

void HtmlWriter::Text(std::string_view text) { AppendHtmlEscaped(text, &out_); }

}  // namespace spraytrace::report
