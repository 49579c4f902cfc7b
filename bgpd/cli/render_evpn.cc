// `bgpctl show evpn`: one line per path, the route by its key as FRR and
// GoBGP print it, then next hop, source, labels and extended communities;
// ESI, PMSI and the rest are in the -j answer.
#include <absl/strings/str_cat.h>

#include "bgpd/cli/render.h"
#include "bgpd/cli/render_helpers.h"
#include "bgpd/cli/table.h"

namespace meshbgp::cli {
namespace {

constexpr char kLegend[] = "flags: * = valid, > = best\n\n";

std::string Flags(const nlohmann::json& route) {
  const nlohmann::json& best = Child(route, "best");
  return best.is_boolean() && best.get<bool>() ? "*>" : "* ";
}

std::string Labels(const nlohmann::json& route) {
  std::string out = Text(route, "label");
  if (const std::string second = Text(route, "label2"); !second.empty()) absl::StrAppend(&out, ", ", second);
  return out.empty() ? "-" : out;
}

std::string ExtCommunities(const nlohmann::json& route) {
  std::string out;
  for (const nlohmann::json& c : Array(route, "ext_communities")) {
    absl::StrAppend(&out, out.empty() ? "" : " ", c.is_string() ? c.get<std::string>() : c.dump());
  }
  return out.empty() ? "-" : out;
}

}  // namespace

absl::StatusOr<std::string> RenderEvpn(const nlohmann::json& rib) {
  return Guarded([&] {
    using Align = Table::Align;
    Table table({{"flags", Align::kLeft},
                 {"route", Align::kLeft},
                 {"nexthop", Align::kLeft},
                 {"neighbor", Align::kLeft},
                 {"labels", Align::kLeft},
                 {"ext communities", Align::kLeft}});
    for (const nlohmann::json& route : Array(rib, "routes")) {
      table.AddRow({Flags(route), Text(route, "route", "?"), Text(route, "next_hop", "-"),
                    Text(route, "neighbor", "-"), Labels(route), ExtCommunities(route)});
    }
    return kLegend + table.Render();
  });
}

}  // namespace meshbgp::cli
