#include "bgpd/config/yaml_reader.h"
#include "bgpd/config/absl_compat.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>

namespace meshbgp::config {
namespace {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// The allowed key a typo most likely meant, if any is close enough.
std::optional<std::string_view> Suggest(std::string_view key,
                                        std::initializer_list<std::string_view> allowed) {
  std::optional<std::string_view> best;
  size_t best_distance = std::max<size_t>(1, std::min<size_t>(2, key.size() / 3)) + 1;
  for (std::string_view candidate : allowed) {
    // The distance is at least the difference in length: a long key (a
    // fuzzer's, or a value pasted where a key goes) skips the table.
    const size_t longer = std::max(key.size(), candidate.size());
    if (longer - std::min(key.size(), candidate.size()) >= best_distance) continue;
    const size_t d = EditDistance(key, candidate);
    if (d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

bool IsScalarOrNull(const YAML::Node& node) { return node.IsScalar() || node.IsNull(); }

}  // namespace

const YAML::Node* YamlMap::Get(std::string_view key) const {
  for (const auto& [k, v] : entries_) {
    if (k == key) return &v;
  }
  return nullptr;
}

std::string YamlMap::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : absl::StrCat(path_, ".", ToAbsl(key));
}

TextPosition YamlReader::PositionOf(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return TextPosition{1, 1};  // an empty document
  if (positions_ != nullptr) return positions_->Original(static_cast<size_t>(mark.pos));
  return TextPosition{mark.line + 1, mark.column + 1};
}

void YamlReader::Fail(const YAML::Node& at, std::string_view path, std::string_view message) {
  // A null value ("threads:" and nothing) is marked where the next token
  // starts, often the next line; its key is where the operator looks.
  if (at.IsNull()) {
    if (auto key_pos = sources_.Find(path); key_pos && sources_.Has(path)) {
      FailAt(*key_pos, path, message);
      return;
    }
  }
  FailAt(PositionOf(at), path, message);
}

void YamlReader::FailAt(TextPosition pos, std::string_view path, std::string_view message) {
  errors_.Add(pos, FormatConfigError(sources_.origin(), pos, path, message));
}

absl::Status YamlReader::status() const { return errors_.ToStatus(); }

std::string YamlReader::Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar: {
      // Quoted when blanks at either end would otherwise be invisible.
      const std::string& s = node.Scalar();
      if (s.empty() || std::isspace(static_cast<unsigned char>(s.front())) ||
          std::isspace(static_cast<unsigned char>(s.back()))) {
        return absl::StrCat("\"", s, "\"");
      }
      return s;
    }
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

std::optional<YamlMap> YamlReader::ReadMap(const YAML::Node& node, const std::string& path,
                                           std::initializer_list<std::string_view> allowed) {
  YamlMap map;
  map.path_ = path;
  map.position_ = PositionOf(node);
  sources_.Set(path, map.position_);
  if (node.IsNull()) return map;
  if (!node.IsMap()) {
    Fail(node, path, Expected("a mapping (key: value)", Describe(node)));
    return std::nullopt;
  }
  bool good = true;
  for (const auto& entry : node) {
    // Copies: yaml-cpp's iterator hands out a temporary pair; Node is a
    // cheap handle.
    const YAML::Node key = entry.first;
    const YAML::Node value = entry.second;
    if (!key.IsScalar()) {
      Fail(key, path, Expected("a key", Describe(key)));
      good = false;
      continue;
    }
    const std::string& name = key.Scalar();
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string found = absl::StrCat("unknown key \"", name, "\"");
      if (auto guess = Suggest(name, allowed)) absl::StrAppend(&found, " (did you mean \"", ToAbsl(*guess), "\"?)");
      Fail(key, path, Expected(absl::StrCat("one of ", absl::StrJoin(allowed, ", ", [](std::string* out, std::string_view k) { out->append(k); })), found));
      good = false;
      continue;
    }
    if (map.Has(name)) {
      Fail(key, path,
           Expected("each key once",
                    absl::StrCat("\"", name, "\" again (first at ",
                                 sources_.LineCol(map.PathOf(name)), ")")));
      good = false;
      continue;
    }
    // Positions of keys whose value is null point at the key, which is
    // where the operator looks; otherwise at the value.
    sources_.Set(map.PathOf(name), PositionOf(value.IsNull() ? key : value));
    map.entries_.emplace_back(name, value);
  }
  if (!good) return std::nullopt;
  return map;
}

std::optional<std::vector<YAML::Node>> YamlReader::ReadList(const YAML::Node& node,
                                                            const std::string& path) {
  sources_.Set(path, PositionOf(node));
  std::vector<YAML::Node> items;
  if (node.IsNull()) return items;
  if (!node.IsSequence()) {
    Fail(node, path, Expected("a list", Describe(node)));
    return std::nullopt;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    items.push_back(node[i]);
    sources_.Set(absl::StrCat(path, "[", i, "]"), PositionOf(items.back()));
  }
  return items;
}

std::optional<std::string> YamlReader::Scalar(const YAML::Node& node, const std::string& path,
                                              std::string_view expected) {
  if (!IsScalarOrNull(node)) {
    Fail(node, path, Expected(expected, Describe(node)));
    return std::nullopt;
  }
  if (!node.IsNull()) sources_.Set(path, PositionOf(node));
  return node.IsNull() ? std::string() : node.Scalar();
}

std::optional<std::string> YamlReader::ReadString(const YAML::Node& node, const std::string& path,
                                                  const StringRule& rule) {
  auto text = Scalar(node, path, rule.expected);
  if (!text) return std::nullopt;
  if (!rule.accepts(*text)) {
    Fail(node, path, Expected(rule.expected, Describe(node)));
    return std::nullopt;
  }
  return text;
}

std::optional<uint64_t> YamlReader::ReadUint(const YAML::Node& node, const std::string& path,
                                             const UintRule& rule) {
  auto text = Scalar(node, path, rule.expected);
  if (!text) return std::nullopt;
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (text->empty() || ec != std::errc() || end != text->data() + text->size() ||
      !rule.Accepts(v)) {
    Fail(node, path, Expected(rule.expected, Describe(node)));
    return std::nullopt;
  }
  return v;
}

std::optional<bool> YamlReader::ReadBool(const YAML::Node& node, const std::string& path) {
  static constexpr std::string_view kExpected = "true or false";
  auto text = Scalar(node, path, kExpected);
  if (!text) return std::nullopt;
  if (*text == "true" || *text == "True" || *text == "TRUE") return true;
  if (*text == "false" || *text == "False" || *text == "FALSE") return false;
  Fail(node, path, Expected(kExpected, Describe(node)));
  return std::nullopt;
}

}  // namespace meshbgp::config
