// Typed, position-aware reading of a parsed YAML document (yaml-cpp nodes).
// Every problem becomes "FILE:LINE:COL: PATH: expected ..., found ..." and
// reading goes on, so one run reports every mistake in a file. Positions
// are those of the file as written, before ${VAR} expansion. Never throws.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <yaml-cpp/yaml.h>

#include "bgpd/config/config_rules.h"
#include "bgpd/config/absl_compat.h"
#include "bgpd/config/env_expand.h"
#include "bgpd/config/source_map.h"

namespace meshbgp::config {

// A YAML mapping whose keys were checked against the allowed set.
class YamlMap {
 public:
  const YAML::Node* Get(std::string_view key) const;  // nullptr when absent
  bool Has(std::string_view key) const { return Get(key) != nullptr; }
  // "groups[0].hold_time" for key "hold_time"; "asn" at the root.
  std::string PathOf(std::string_view key) const;
  const std::string& path() const { return path_; }
  TextPosition position() const { return position_; }

 private:
  friend class YamlReader;
  std::string path_;
  TextPosition position_;
  std::vector<std::pair<std::string, YAML::Node>> entries_;
};

class YamlReader {
 public:
  YamlReader(std::string origin, const PositionMap* positions)
      : positions_(positions), sources_(std::move(origin)) {}

  void Fail(const YAML::Node& at, std::string_view path, std::string_view message);
  void FailAt(TextPosition pos, std::string_view path, std::string_view message);
  bool ok() const { return errors_.empty(); }
  // OK, or InvalidArgument with one error per line.
  absl::Status status() const;
  SourceMap& sources() { return sources_; }
  TextPosition PositionOf(const YAML::Node& node) const;

  // A mapping (null counts as empty) with no duplicate keys and no key
  // outside `allowed`; unknown keys are reported with the valid ones.
  std::optional<YamlMap> ReadMap(const YAML::Node& node, const std::string& path,
                                 std::initializer_list<std::string_view> allowed);
  // A sequence (null counts as empty). Elements are at "path[i]".
  std::optional<std::vector<YAML::Node>> ReadList(const YAML::Node& node, const std::string& path);
  // A scalar that satisfies `rule`; null counts as "".
  std::optional<std::string> ReadString(const YAML::Node& node, const std::string& path,
                                        const StringRule& rule);
  // A decimal integer that satisfies `rule`.
  std::optional<uint64_t> ReadUint(const YAML::Node& node, const std::string& path,
                                   const UintRule& rule);
  // true/True/TRUE or false/False/FALSE (not yes/no/on/off: too surprising).
  std::optional<bool> ReadBool(const YAML::Node& node, const std::string& path);
  // A scalar converted by `parse`, a function string_view -> StatusOr<T>
  // whose error message is "expected ..., found ...".
  template <typename Parse>
  auto ReadWith(const YAML::Node& node, const std::string& path, Parse parse)
      -> std::optional<typename decltype(parse(std::string_view()))::value_type> {
    auto text = Scalar(node, path, "a value");
    if (!text) return std::nullopt;
    auto parsed = parse(*text);
    if (!parsed.ok()) {
      Fail(node, path, ToStd(parsed.status().message()));
      return std::nullopt;
    }
    return *std::move(parsed);
  }

  // What a node is, for "found ...": its text, "a list", "a mapping", "nothing".
  static std::string Describe(const YAML::Node& node);

 private:
  // The text of a scalar (null = ""), recording its position; otherwise an
  // error "expected <expected>, found a list|a mapping".
  std::optional<std::string> Scalar(const YAML::Node& node, const std::string& path,
                                    std::string_view expected);

  const PositionMap* positions_;
  SourceMap sources_;
  ErrorList errors_;
};

}  // namespace meshbgp::config
