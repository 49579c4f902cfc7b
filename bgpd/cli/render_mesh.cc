// `bgpctl show mesh`: per mesh group, its DNS name, what the name resolved
// to and when, the last error, and the session state of every mesh peer.
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>

#include "bgpd/cli/render.h"
#include "bgpd/cli/render_helpers.h"
#include "bgpd/cli/table.h"

namespace meshbgp::cli {
namespace {

std::string MaxPeersText(const nlohmann::json& group) {
  const std::string n = Text(group, "max_peers", "0");
  return n == "0" ? "all" : n;
}

std::string ResolutionText(const nlohmann::json& group) {
  const std::string when = Text(group, "last_resolution");
  if (when.empty()) return "never";
  return absl::StrCat(when, " (", Text(group, "last_resolution_age_s", "?"), " s ago)");
}

std::string RenderGroup(const nlohmann::json& group) {
  std::vector<std::string> resolved;
  for (const auto& a : Array(group, "resolved")) resolved.push_back(a.get<std::string>());
  std::string out = absl::StrCat("Mesh group ", Text(group, "name", "?"), ": ", Text(group, "dns", "?"),
                                 " port ", Text(group, "port", "179"), ", every ",
                                 Text(group, "interval", "?"), ", max peers ", MaxPeersText(group),
                                 ", empty-answer grace ", Text(group, "empty_grace", "?"), "\n");
  absl::StrAppend(&out, "  Resolved:         ",
                  resolved.empty() ? std::string("-") : absl::StrJoin(resolved, " "));
  if (!resolved.empty() && group.contains("ttl_s")) absl::StrAppend(&out, " (ttl ", Text(group, "ttl_s"), " s)");
  absl::StrAppend(&out, "\n  Last resolution:  ", ResolutionText(group), "\n");
  absl::StrAppend(&out, "  Last error:       ", Text(group, "error", "-"));
  if (Number(group, "consecutive_errors") > 0) {
    absl::StrAppend(&out, " (", Number(group, "consecutive_errors"), " in a row)");
  }
  absl::StrAppend(&out, "\n");
  const nlohmann::json& peers = Array(group, "peers");
  if (peers.empty()) return absl::StrCat(out, "  No mesh peers\n");
  using Align = Table::Align;
  Table table({{"Neighbor", Align::kLeft},
               {"Chosen", Align::kLeft},
               {"State", Align::kLeft},
               {"Initial table", Align::kLeft}});
  for (const auto& p : peers) {
    table.AddRow({Text(p, "address", "?"), Child(p, "chosen") == true ? "yes" : "no (max_peers)",
                  Text(p, "state", "?"),
                  Child(p, "initial_table_received") == true ? "received" : "pending"});
  }
  absl::StrAppend(&out, Indent(table.Render(), "  "));
  return out;
}

}  // namespace

absl::StatusOr<std::string> RenderMesh(const nlohmann::json& mesh) {
  return Guarded([&] {
    const nlohmann::json& groups = Array(mesh, "groups");
    if (groups.empty()) return std::string("No mesh groups configured\n");
    std::vector<std::string> parts;
    for (const auto& g : groups) parts.push_back(RenderGroup(g));
    return absl::StrJoin(parts, "\n");
  });
}

}  // namespace meshbgp::cli
