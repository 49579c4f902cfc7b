// `bgpctl show summary`: one line per neighbor, as OpenBGPD's `bgpctl show`.
#include <absl/strings/str_cat.h>

#include "bgpd/cli/render.h"
#include "bgpd/cli/render_helpers.h"
#include "bgpd/cli/table.h"

namespace meshbgp::cli {
namespace {

// OpenBGPD's State/PrfRcvd: the prefix count once up, the FSM state before.
std::string StateOrPrefixes(const nlohmann::json& neighbor) {
  const std::string state = Text(neighbor, "state", "?");
  if (state != "Established") return state;
  uint64_t received = 0;
  const nlohmann::json& prefixes = Child(neighbor, "prefixes");
  if (prefixes.is_object()) {
    for (const auto& [family, counts] : prefixes.items()) received += Number(counts, "received");
  }
  return absl::StrCat(received);
}

// "EVPN routes by type: 2: 10 (12 paths), 3: 2 (2 paths)" from the
// summary's per-type counts; nothing when the EVPN RIB is empty.
std::string EvpnCounts(const nlohmann::json& summary) {
  const nlohmann::json& evpn = Child(summary, "evpn");
  const nlohmann::json& routes = Child(evpn, "routes_by_type");
  if (!routes.is_object() || routes.empty()) return "";
  std::string out = "\nEVPN routes by type:";
  const char* sep = " ";
  for (const auto& item : routes.items()) {
    const std::string& type = item.key();
    absl::StrAppend(&out, sep, type, ": ", Text(routes, type, "0"), " (",
                    Text(Child(evpn, "paths_by_type"), type, "0"), " paths)");
    sep = ", ";
  }
  return out + "\n";
}

}  // namespace

absl::StatusOr<std::string> RenderSummary(const nlohmann::json& summary) {
  return Guarded([&] {
    std::string out;
    if (summary.contains("router_id") || summary.contains("asn")) {
      absl::StrAppend(&out, "BGP router id ", Text(summary, "router_id", "?"), ", local AS ",
                      Text(summary, "asn", "?"), "\n\n");
    }
    using Align = Table::Align;
    Table table({{"Neighbor", Align::kLeft},
                 {"AS", Align::kRight},
                 {"MsgRcvd", Align::kRight},
                 {"MsgSent", Align::kRight},
                 {"Up/Down", Align::kRight},
                 {"State/PrfRcvd", Align::kLeft}});
    for (const nlohmann::json& neighbor : Array(summary, "neighbors")) {
      const nlohmann::json& messages = Child(neighbor, "messages");
      table.AddRow({Text(neighbor, "address", "?"), Text(neighbor, "asn", "?"),
                    Text(messages, "received", "0"), Text(messages, "sent", "0"), UpDown(neighbor),
                    StateOrPrefixes(neighbor)});
    }
    return out + table.Render() + EvpnCounts(summary);
  });
}

}  // namespace meshbgp::cli
