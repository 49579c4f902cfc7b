#include "bgpd/config/source_map.h"
#include "bgpd/config/absl_compat.h"

#include <algorithm>
#include <climits>

#include <absl/strings/str_cat.h>

namespace meshbgp::config {
namespace {

std::string_view Parent(std::string_view path) {
  const size_t cut = path.find_last_of(".[");
  return cut == std::string_view::npos ? std::string_view() : path.substr(0, cut);
}

}  // namespace

std::optional<TextPosition> SourceMap::Find(std::string_view path) const {
  while (true) {
    auto it = marks_.find(path);
    if (it != marks_.end()) return it->second;
    if (path.empty()) return std::nullopt;
    path = Parent(path);
  }
}

std::string SourceMap::Format(std::string_view path, std::string_view message) const {
  return FormatConfigError(origin_, Find(path).value_or(TextPosition{}), path, message);
}

std::string SourceMap::LineCol(std::string_view path) const {
  auto pos = Find(path);
  if (!pos || pos->line == 0) return "";
  return absl::StrCat(pos->line, ":", pos->column);
}

absl::Status ErrorList::ToStatus() const {
  if (errors_.empty()) return absl::OkStatus();
  std::vector<const Entry*> sorted;
  for (const Entry& e : errors_) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Entry* a, const Entry* b) {
    auto key = [](const TextPosition& p) {
      return std::make_pair(p.line == 0 ? INT_MAX : p.line, p.column);
    };
    return key(a->pos) < key(b->pos);
  });
  std::string text;
  for (const Entry* e : sorted) {
    if (!text.empty()) text.push_back('\n');
    text += e->text;
  }
  return absl::InvalidArgumentError(text);
}

std::string Expected(std::string_view expected, std::string_view found) {
  return absl::StrCat("expected ", ToAbsl(expected), ", found ", found.empty() ? "\"\"" : ToAbsl(found));
}

std::string FormatConfigError(std::string_view origin, TextPosition pos, std::string_view path,
                              std::string_view message) {
  std::string out(origin);
  if (pos.line > 0) absl::StrAppend(&out, ":", pos.line, ":", pos.column);
  absl::StrAppend(&out, ": ");
  if (!path.empty()) absl::StrAppend(&out, ToAbsl(path), ": ");
  absl::StrAppend(&out, ToAbsl(message));
  return out;
}

}  // namespace meshbgp::config
