// Environment expansion for configuration files: ${VAR} and ${VAR:-default}
// are replaced with the variable's value before the text is parsed as YAML,
// so a value can come from the Kubernetes Downward API (router_id: ${POD_IP}).
// Expansion is textual; PositionMap turns a position in the expanded text
// back into the line and column the operator sees in the file.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <absl/status/statusor.h>

namespace meshbgp::config {

// Looks up an environment variable; nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
// The process environment (getenv).
EnvLookup ProcessEnvironment();

// 1-based line and column (in UTF-8 characters) in a file; line 0 means
// "unknown".
struct TextPosition {
  int line = 0;
  int column = 0;
  friend bool operator==(const TextPosition&, const TextPosition&) = default;
};

// Maps offsets in the expanded text to positions in the original text.
class PositionMap {
 public:
  PositionMap() = default;
  explicit PositionMap(std::string original);
  // A byte offset in the expanded text. Inside a substituted value, the
  // position of the `${` that produced it.
  TextPosition Original(size_t expanded_offset) const;
  // Position of a byte offset in the original text.
  TextPosition OfOriginalOffset(size_t offset) const;

  // One substitution: original[orig_begin, orig_end) became
  // expanded[exp_begin, exp_end).
  struct Substitution {
    size_t orig_begin, orig_end, exp_begin, exp_end;
  };
  void Add(Substitution s) { subs_.push_back(s); }

 private:
  std::string original_;
  // Offset of each line's first byte: the reader asks for the position of
  // every node, so a scan from the start each time was quadratic in the
  // file's size.
  std::vector<size_t> line_starts_{0};
  std::vector<Substitution> subs_;  // in increasing offset order
};

struct ExpandedText {
  std::string text;
  PositionMap positions;
};

// Expands ${NAME} and ${NAME:-default} (default used when NAME is unset or
// empty, as in the shell). `$${` stands for a literal `${`. References inside
// YAML comments are left alone so that comments can mention the syntax.
// Errors: "ORIGIN:LINE:COL: ..." for an unset variable without default, an
// unterminated `${` or an invalid name.
absl::StatusOr<ExpandedText> ExpandEnv(std::string_view text, std::string_view origin,
                                       const EnvLookup& env);

// Escapes a value so that ExpandEnv gives it back unchanged (`${` -> `$${`).
std::string EscapeForExpansion(std::string_view value);

}  // namespace meshbgp::config
