#include "bgpd/config/env_expand.h"
#include "bgpd/config/absl_compat.h"

#include <algorithm>
#include <cstdlib>

#include <absl/status/status.h>
#include <absl/strings/str_cat.h>

namespace meshbgp::config {

EnvLookup ProcessEnvironment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* v = std::getenv(std::string(name).c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  };
}

PositionMap::PositionMap(std::string original) : original_(std::move(original)) {
  for (size_t i = 0; i < original_.size(); ++i) {
    if (original_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

TextPosition PositionMap::OfOriginalOffset(size_t offset) const {
  offset = std::min(offset, original_.size());
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  TextPosition p{static_cast<int>(next - line_starts_.begin()), 1};
  for (size_t i = *(next - 1); i < offset; ++i) {
    // columns count UTF-8 characters, as editors do
    if ((static_cast<unsigned char>(original_[i]) & 0xC0) != 0x80) ++p.column;
  }
  return p;
}

TextPosition PositionMap::Original(size_t expanded_offset) const {
  auto after = std::upper_bound(
      subs_.begin(), subs_.end(), expanded_offset,
      [](size_t off, const Substitution& s) { return off < s.exp_begin; });
  if (after == subs_.begin()) return OfOriginalOffset(expanded_offset);
  const Substitution& s = *(after - 1);
  if (expanded_offset < s.exp_end) return OfOriginalOffset(s.orig_begin);
  return OfOriginalOffset(s.orig_end + (expanded_offset - s.exp_end));
}

namespace {

bool IsNameStart(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool IsNameChar(char c) { return IsNameStart(c) || (c >= '0' && c <= '9'); }
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Tracks just enough YAML lexing to know whether a `#` starts a comment:
// quoted scalars (where `#` is text) and comments (where `${` is text).
// A quote opens a quoted scalar only where a scalar can start, so the
// apostrophe in `password: it's` stays plain text.
class YamlLexState {
 public:
  bool InComment() const { return mode_ == Mode::kComment; }

  // Feeds text[i], the next character of the original text.
  void Feed(std::string_view text, size_t i) {
    const char c = text[i];
    switch (mode_) {
      case Mode::kComment:
        if (c == '\n') mode_ = Mode::kPlain;
        break;
      case Mode::kDouble:
        if (escaped_) {
          escaped_ = false;
        } else if (c == '\\') {
          escaped_ = true;
        } else if (c == '"') {
          mode_ = Mode::kPlain;
        }
        break;
      case Mode::kSingle:
        if (skip_next_quote_) {
          skip_next_quote_ = false;  // second half of ''
        } else if (c == '\'') {
          if (i + 1 < text.size() && text[i + 1] == '\'') {
            skip_next_quote_ = true;  // '' is an escaped quote
          } else {
            mode_ = Mode::kPlain;
          }
        }
        break;
      case Mode::kPlain: {
        const bool after_separator = prev_ == '\n' || prev_ == '\0' || IsBlank(prev_) ||
                                     prev_ == '[' || prev_ == '{' || prev_ == ',';
        const bool scalar_may_start =
            last_on_line_ == '\0' || last_on_line_ == ':' || last_on_line_ == '-' ||
            last_on_line_ == '[' || last_on_line_ == '{' || last_on_line_ == ',' ||
            last_on_line_ == '?';
        if (c == '#' && (prev_ == '\n' || prev_ == '\0' || IsBlank(prev_))) {
          mode_ = Mode::kComment;
        } else if ((c == '"' || c == '\'') && after_separator && scalar_may_start) {
          mode_ = c == '"' ? Mode::kDouble : Mode::kSingle;
        }
        break;
      }
    }
    if (c == '\n') {
      last_on_line_ = '\0';
    } else if (!IsBlank(c)) {
      last_on_line_ = c;
    }
    prev_ = c;
  }

  // A `${...}` reference ending in `last`: opaque text inside a scalar.
  void FeedOpaque(char last) {
    prev_ = last;
    last_on_line_ = last;
  }

 private:
  enum class Mode { kPlain, kDouble, kSingle, kComment };
  Mode mode_ = Mode::kPlain;
  bool escaped_ = false;
  bool skip_next_quote_ = false;
  char prev_ = '\0';
  char last_on_line_ = '\0';
};

}  // namespace

absl::StatusOr<ExpandedText> ExpandEnv(std::string_view text, std::string_view origin,
                                       const EnvLookup& env) {
  ExpandedText out{std::string(), PositionMap(std::string(text))};
  out.text.reserve(text.size());
  auto error_at = [&](size_t offset, std::string_view what) {
    TextPosition p = out.positions.OfOriginalOffset(offset);
    return absl::InvalidArgumentError(absl::StrCat(ToAbsl(origin), ":", p.line, ":", p.column, ": ", ToAbsl(what)));
  };

  YamlLexState lex;
  size_t i = 0;
  while (i < text.size()) {
    lex.Feed(text, i);
    if (lex.InComment() || text[i] != '$') {
      out.text.push_back(text[i++]);
      continue;
    }
    if (text.substr(i, 3) == "$${") {
      const size_t exp_begin = out.text.size();
      out.text.append("${");
      out.positions.Add({i, i + 3, exp_begin, out.text.size()});
      lex.FeedOpaque('{');
      i += 3;
      continue;
    }
    if (text.substr(i, 2) != "${") {
      out.text.push_back(text[i++]);
      continue;
    }
    const size_t close = text.find_first_of("}\n", i + 2);
    if (close == std::string_view::npos || text[close] != '}') {
      return error_at(i, "expected ${NAME} or ${NAME:-default} closed by '}' on the same line, "
                         "found an unterminated '${'");
    }
    const std::string_view body = text.substr(i + 2, close - i - 2);
    size_t name_len = 0;
    while (name_len < body.size() && IsNameChar(body[name_len])) ++name_len;
    const std::string_view name = body.substr(0, name_len);
    const std::string_view rest = body.substr(name_len);
    const bool has_default = rest.substr(0, 2) == ":-";
    if (name.empty() || !IsNameStart(name[0]) || (!rest.empty() && !has_default)) {
      return error_at(i, absl::StrCat("expected ${NAME} or ${NAME:-default} where NAME is letters, "
                                      "digits and '_', found ${",
                                      ToAbsl(body), "}"));
    }
    std::optional<std::string> value = env(name);
    std::string replacement;
    if (value.has_value() && !value->empty()) {
      replacement = std::move(*value);
    } else if (has_default) {
      replacement = std::string(rest.substr(2));
    } else if (value.has_value()) {
      replacement.clear();  // set but empty, as the shell does
    } else {
      return error_at(i, absl::StrCat("expected environment variable ", ToAbsl(name),
                                      " to be set, found it unset (write ${", ToAbsl(name),
                                      ":-value} to give a default)"));
    }
    const size_t exp_begin = out.text.size();
    out.text.append(replacement);
    out.positions.Add({i, close + 1, exp_begin, out.text.size()});
    lex.FeedOpaque('}');
    i = close + 1;
  }
  return out;
}

std::string EscapeForExpansion(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '$' && i + 1 < value.size() && value[i + 1] == '{') out.push_back('$');
    out.push_back(value[i]);
  }
  return out;
}

}  // namespace meshbgp::config
