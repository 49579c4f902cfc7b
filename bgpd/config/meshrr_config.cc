#include "bgpd/config/meshrr_config.h"
#include "bgpd/config/absl_compat.h"

#include <cctype>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include <absl/status/status.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_split.h>
#include <yaml-cpp/yaml.h>

#include "bgpd/config/config_load.h"
#include "bgpd/config/config_validate.h"
#include "bgpd/config/meshrr_reader.h"
#include "bgpd/config/source_map.h"
#include "bgpd/config/yaml_document.h"
#include "bgpd/config/yaml_reader.h"

namespace meshbgp::config {
namespace {

// ValidateConfig names native paths ("groups[1].allow[0]"); the operator
// wrote meshrr's ("bgpgroups[1].prefixes[0]"). Groups correspond one to
// one: a group that could not be read stops loading before validation.
std::string MeshrrPathOf(std::string_view model) {
  if (model.substr(0, 7) != "groups[") return std::string(model);
  const size_t close = model.find(']');
  if (close == std::string_view::npos) return std::string(model);
  std::string out = absl::StrCat("bgp", ToAbsl(model.substr(0, close + 1)));
  std::string_view rest = model.substr(close + 1);
  // Longest native key first.
  static constexpr std::pair<std::string_view, std::string_view> kKeys[] = {
      {".mesh.dns", ".source.hostname"}, {".mesh.max_peers", ".max_peers"},
      {".mesh", ".source"}, {".allow", ".prefixes"}, {".peer_as", ".asranges"}};
  for (const auto& [native, meshrr] : kKeys) {
    if (rest.substr(0, native.size()) == native) {
      out.append(meshrr);
      rest.remove_prefix(native.size());
      break;
    }
  }
  out.append(rest);
  return out;
}

// Rewrites the PATH of each "ORIGIN:LINE:COL: PATH: MESSAGE" line.
absl::Status InMeshrrTerms(const absl::Status& status, std::string_view origin) {
  std::vector<std::string> lines = absl::StrSplit(status.message(), '\n');
  for (std::string& line : lines) {
    if (line.compare(0, origin.size(), origin) != 0) continue;
    size_t at = origin.size();
    while (at < line.size() && (line[at] == ':' || std::isdigit(static_cast<unsigned char>(line[at])))) {
      ++at;
    }
    if (at >= line.size() || line[at] != ' ') continue;
    ++at;
    const size_t end = line.find(": ", at);
    if (end == std::string::npos) continue;
    line = absl::StrCat(line.substr(0, at), MeshrrPathOf(std::string_view(line).substr(at, end - at)),
                        line.substr(end));
  }
  return absl::Status(status.code(), absl::StrJoin(lines, "\n"));
}

}  // namespace

absl::StatusOr<Config> ParseMeshrrConfig(std::string_view yaml, std::string_view origin,
                                         const EnvLookup& env) {
  // Kubernetes manifests are sometimes saved with a byte-order mark (one of
  // meshrr's own example files starts with one).
  if (yaml.substr(0, 3) == "\xEF\xBB\xBF") yaml.remove_prefix(3);
  // No substitutions: the map only turns offsets into line and column.
  const PositionMap positions{std::string(yaml)};
  return ReadYamlDocument(yaml, origin, positions,
                          [&](const YAML::Node& root) -> absl::StatusOr<Config> {
                            YamlReader reader{std::string(origin), &positions};
                            SourceMap model_sources{std::string(origin)};
                            Config config = ReadMeshrrConfig(reader, root, env, model_sources);
                            if (!reader.ok()) return reader.status();
                            config.source = std::string(origin);
                            if (absl::Status s = ValidateConfig(config, model_sources); !s.ok())
                              return InMeshrrTerms(s, origin);
                            return config;
                          });
}

absl::StatusOr<Config> LoadMeshrrConfigFile(const std::string& path, const EnvLookup& env) {
  auto text = ReadConfigText(path);
  if (!text.ok()) return text.status();
  return ParseMeshrrConfig(*text, path, env);
}

absl::StatusOr<Config> LoadMeshrrConfigFile(const std::string& path) {
  return LoadMeshrrConfigFile(path, ProcessEnvironment());
}

}  // namespace meshbgp::config
