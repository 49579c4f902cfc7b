// Where each configuration value was written, keyed by its path in the
// model ("groups[1].allow[0]"). The YAML reader fills it; validation rules
// that run on the finished Config use it to point at the line to fix.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <absl/status/status.h>

#include "bgpd/config/env_expand.h"

namespace meshbgp::config {

class SourceMap {
 public:
  explicit SourceMap(std::string origin = "") : origin_(std::move(origin)) {}
  const std::string& origin() const { return origin_; }

  void Set(std::string path, TextPosition pos) { marks_[std::move(path)] = pos; }
  // Exactly this path was recorded (the key was present in the file).
  bool Has(std::string_view path) const { return marks_.find(path) != marks_.end(); }
  // The position of `path`, or of its closest recorded parent:
  // "groups[1].allow[0]" -> "groups[1].allow" -> "groups[1]" -> "groups" -> "".
  std::optional<TextPosition> Find(std::string_view path) const;

  // "ORIGIN:LINE:COL: PATH: MESSAGE" ("ORIGIN: PATH: MESSAGE" without a
  // position, no "PATH: " when path is empty).
  std::string Format(std::string_view path, std::string_view message) const;
  // The short "LINE:COL" of path for cross references, "" if unknown.
  std::string LineCol(std::string_view path) const;

 private:
  std::string origin_;
  std::map<std::string, TextPosition, std::less<>> marks_;
};

// "expected EXPECTED, found FOUND", the shape of every message; FOUND is
// shown as "" when empty.
std::string Expected(std::string_view expected, std::string_view found);

// Errors collected while reading or validating, reported in file order.
class ErrorList {
 public:
  void Add(TextPosition pos, std::string text) { errors_.push_back({pos, std::move(text)}); }
  bool empty() const { return errors_.empty(); }
  // OK, or InvalidArgument with one error per line, sorted by position
  // (errors without a position last, in the order they were found).
  absl::Status ToStatus() const;

 private:
  struct Entry {
    TextPosition pos;
    std::string text;
  };
  std::vector<Entry> errors_;
};

// "ORIGIN:LINE:COL: PATH: MESSAGE", the one format of every config error.
std::string FormatConfigError(std::string_view origin, TextPosition pos, std::string_view path,
                              std::string_view message);

}  // namespace meshbgp::config
