#include "bgpd/api/html_page.h"

namespace meshbgp::api {

namespace {

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;margin:1.5em;color:#222}"
    "nav a{margin-right:1em}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}"
    "th{background:#eef}"
    "td.mono,code{font-family:monospace}"
    "form{margin:.5em 0}label{margin-right:.6em}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:bold}";

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

HtmlPage::HtmlPage(std::string_view title) {
  out_ = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\"><title>";
  out_ += EscapeHtml(title);
  out_ += " - meshbgp looking glass</title><style>";
  out_ += kStyle;
  out_ += "</style></head><body>\n<nav><a href=\"/\">Summary</a><a href=\"/lg/evpn\">EVPN</a>"
          "<a href=\"/lg/prefix\">Prefix search</a><a href=\"/metrics\">Metrics</a></nav>\n<h1>";
  out_ += EscapeHtml(title);
  out_ += "</h1>\n";
}

void HtmlPage::Heading(std::string_view text, int level) {
  const std::string tag = "h" + std::to_string(level < 1 || level > 6 ? 2 : level);
  out_ += "<" + tag + ">" + EscapeHtml(text) + "</" + tag + ">\n";
}

void HtmlPage::Paragraph(std::string_view text) { out_ += "<p>" + EscapeHtml(text) + "</p>\n"; }

void HtmlPage::Facts(const std::vector<std::pair<std::string, std::string>>& facts) {
  out_ += "<dl>";
  for (const auto& [k, v] : facts) {
    if (!v.empty()) out_ += "<dt>" + EscapeHtml(k) + "</dt><dd>" + EscapeHtml(v) + "</dd>";
  }
  out_ += "</dl>\n";
}

void HtmlPage::Table(const std::vector<std::string>& headers, const std::vector<HtmlRow>& rows,
                     std::string_view id) {
  out_ += "<table";
  if (!id.empty()) out_ += " id=\"" + EscapeHtml(id) + "\"";
  out_ += "><thead><tr>";
  for (const auto& h : headers) out_ += "<th>" + EscapeHtml(h) + "</th>";
  out_ += "</tr></thead><tbody>\n";
  for (const HtmlRow& row : rows) {
    out_ += "<tr>";
    for (const HtmlCell& c : row) {
      out_ += "<td>";
      if (c.href.empty()) {
        out_ += EscapeHtml(c.text);
      } else {
        out_ += "<a href=\"" + EscapeHtml(c.href) + "\">" + EscapeHtml(c.text) + "</a>";
      }
      out_ += "</td>";
    }
    out_ += "</tr>\n";
  }
  out_ += "</tbody></table>\n";
}

void HtmlPage::Form(std::string_view action, const std::vector<Field>& fields, std::string_view button) {
  out_ += "<form method=\"get\" action=\"" + EscapeHtml(action) + "\">";
  for (const Field& f : fields) {
    out_ += "<label>" + EscapeHtml(f.label) + " <input name=\"" + EscapeHtml(f.name) + "\" value=\"" +
            EscapeHtml(f.value) + "\"></label>";
  }
  out_ += "<button type=\"submit\">" + EscapeHtml(button) + "</button></form>\n";
}

std::string HtmlPage::Finish() {
  out_ += "</body></html>\n";
  return std::move(out_);
}

}  // namespace meshbgp::api
