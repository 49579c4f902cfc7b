// `bgpctl show status`: who this daemon is (AS, router id, pod), how long it
// has run and how big its RIB is.
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>

#include "bgpd/cli/render.h"
#include "bgpd/cli/render_helpers.h"
#include "bgpd/cli/table.h"

namespace meshbgp::cli {
namespace {

std::string AsText(const nlohmann::json& status) {
  const std::string asplain = Text(status, "asn", "?");
  const std::string text = Text(status, "asn_text");
  if (text.empty() || text == asplain) return asplain;
  return absl::StrCat(text, " (", asplain, ")");
}

std::string PodText(const nlohmann::json& pod) {
  std::vector<std::string> parts;
  for (const char* key : {"namespace", "name"}) {
    if (const std::string v = Text(pod, key); !v.empty()) parts.push_back(v);
  }
  std::string out = absl::StrJoin(parts, "/");
  if (const std::string node = Text(pod, "node"); !node.empty()) absl::StrAppend(&out, " on node ", node);
  if (const std::string ip = Text(pod, "ip"); !ip.empty()) absl::StrAppend(&out, ", ip ", ip);
  return out;
}

}  // namespace

absl::StatusOr<std::string> RenderStatus(const nlohmann::json& status) {
  return Guarded([&] {
    std::vector<std::pair<std::string, std::string>> lines = {
        {"Version", Text(status, "version", "?")},
        {"AS", AsText(status)},
        {"Router id", Text(status, "router_id", "?")},
        {"Uptime", FormatTimeframe(Number(status, "uptime_s"))},
        {"Config", Text(status, "config", "-")},
        {"Threads", Text(status, "threads", "-")},
    };
    if (const std::string pod = PodText(Child(status, "pod")); !pod.empty()) lines.emplace_back("Pod", pod);
    if (status.contains("attr_sets")) lines.emplace_back("Attribute sets", Text(status, "attr_sets"));
    if (status.contains("update_groups")) lines.emplace_back("Update groups", Text(status, "update_groups"));

    size_t width = 0;
    for (const auto& [key, value] : lines) width = std::max(width, key.size());
    std::string out;
    for (const auto& [key, value] : lines) {
      absl::StrAppend(&out, key, ":", std::string(width - key.size() + 2, ' '), value, "\n");
    }
    const nlohmann::json& rib = Child(status, "rib");
    if (rib.is_object() && !rib.empty()) {
      using Align = Table::Align;
      Table table({{"RIB", Align::kLeft}, {"prefixes", Align::kRight}, {"paths", Align::kRight}});
      for (const auto& [family, counts] : rib.items()) {
        table.AddRow({family, Text(counts, "prefixes", "0"), Text(counts, "paths", "0")});
      }
      absl::StrAppend(&out, "\n", table.Render());
    }
    return out;
  });
}

}  // namespace meshbgp::cli
