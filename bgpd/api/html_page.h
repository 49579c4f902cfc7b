// Server-rendered HTML for the looking glass: a page skeleton with its own
// inline style (no script, nothing fetched from elsewhere), tables and
// links. Every piece of text goes through EscapeHtml, so BGP data (AS path
// text, communities, names a peer sent) can never become markup.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace meshbgp::api {

// & < > " ' as entities: safe in element content and quoted attributes.
std::string EscapeHtml(std::string_view text);

struct HtmlCell {
  std::string text;
  std::string href;  // "" = plain text; else an absolute path of ours
};
using HtmlRow = std::vector<HtmlCell>;

class HtmlPage {
 public:
  explicit HtmlPage(std::string_view title);
  void Heading(std::string_view text, int level = 2);
  void Paragraph(std::string_view text);
  // "label: value" lines; facts without a value are left out.
  void Facts(const std::vector<std::pair<std::string, std::string>>& facts);
  void Table(const std::vector<std::string>& headers, const std::vector<HtmlRow>& rows,
             std::string_view id = "");
  // A GET form to `action` with one text input per field (name, label,
  // current value).
  struct Field {
    std::string name, label, value;
  };
  void Form(std::string_view action, const std::vector<Field>& fields, std::string_view button);
  std::string Finish();

 private:
  std::string out_;
};

}  // namespace meshbgp::api
