// `bgpctl show neighbor [ADDR]`: a block per neighbor, as OpenBGPD's
// `bgpctl show neighbor`.
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_replace.h>

#include "bgpd/cli/render.h"
#include "bgpd/cli/render_helpers.h"
#include "bgpd/cli/table.h"

namespace meshbgp::cli {
namespace {

std::string CapabilityName(const std::string& key) {
  if (key == "four_octet_as") return "4-octet AS";
  if (key == "add_path") return "add-path";
  return absl::StrReplaceAll(key, {{"_", " "}});
}

// Names of the capabilities that are true (nlohmann::json keeps keys sorted).
std::string Capabilities(const nlohmann::json& capabilities) {
  std::vector<std::string> names;
  if (capabilities.is_object()) {
    for (const auto& [key, value] : capabilities.items()) {
      if (value.is_boolean() && value.get<bool>()) names.push_back(CapabilityName(key));
    }
  }
  return names.empty() ? "none" : absl::StrJoin(names, ", ");
}

std::string PrefixTable(const nlohmann::json& prefixes) {
  using Align = Table::Align;
  Table table({{"Prefixes", Align::kLeft},
               {"received", Align::kRight},
               {"accepted", Align::kRight},
               {"advertised", Align::kRight}});
  for (const auto& [family, counts] : prefixes.items()) {
    table.AddRow({family, Text(counts, "received", "0"), Text(counts, "accepted", "0"),
                  Text(counts, "advertised", "0")});
  }
  return table.Render();
}

// "peer restart time 120 s, families ipv4, notification; 3 stale paths
// (restarting, 95 s left)", or "" when there is nothing to say.
std::string GracefulRestart(const nlohmann::json& gr) {
  if (!gr.is_object() || gr.empty()) return "";
  std::vector<std::string> parts;
  if (gr.contains("peer_restart_time")) {
    std::vector<std::string> families;
    for (const auto& f : Array(gr, "peer_families")) families.push_back(f.get<std::string>());
    parts.push_back(absl::StrCat("peer restart time ", Number(gr, "peer_restart_time"), " s, families ",
                                 families.empty() ? "none" : absl::StrJoin(families, " ")));
    const nlohmann::json& n = Child(gr, "notification");
    if (n.is_boolean() && n.get<bool>()) parts.push_back("notification (RFC 8538)");
  }
  std::string out = absl::StrJoin(parts, ", ");
  if (gr.contains("stale_paths")) {
    absl::StrAppend(&out, out.empty() ? "" : "; ", Number(gr, "stale_paths"), " stale paths (",
                    Text(gr, "state", "?"), ", ", Number(gr, "stale_expires_in_s"), " s left)");
  }
  return out;
}

void AppendIfPresent(std::string& out, const nlohmann::json& neighbor, std::string_view key,
                     const char* label) {
  const std::string value = Text(neighbor, key);
  if (!value.empty()) absl::StrAppend(&out, "  ", label, ": ", value, "\n");
}

std::string NeighborBlock(const nlohmann::json& n) {
  std::string out = absl::StrCat("BGP neighbor is ", Text(n, "address", "?"), ", remote AS ",
                                 Text(n, "asn", "?"), "\n");
  if (n.contains("group")) {
    const nlohmann::json& dynamic = Child(n, "dynamic");
    absl::StrAppend(&out, "  Group ", Text(n, "group"),
                    dynamic.is_boolean() && dynamic.get<bool>() ? " (dynamic)" : "", "\n");
  }
  if (n.contains("local_address") || n.contains("router_id")) {
    absl::StrAppend(&out, "  Local address ", Text(n, "local_address", "-"), ", remote router id ",
                    Text(n, "router_id", "-"), "\n");
  }
  const std::string state = Text(n, "state", "?");
  absl::StrAppend(&out, "  BGP state ", state);
  if (state == "Established") {
    absl::StrAppend(&out, ", up for ", UpDown(n));
  } else if (!Child(n, "uptime_s").is_null()) {
    absl::StrAppend(&out, ", down for ", UpDown(n));
  } else {
    out += ", never up";
  }
  if (n.contains("flaps")) absl::StrAppend(&out, ", flaps ", Number(n, "flaps"));
  out += "\n";
  if (n.contains("hold_time")) {
    absl::StrAppend(&out, "  Hold time ", Number(n, "hold_time"), " s, keepalive ",
                    Number(n, "keepalive"), " s\n");
  }
  if (n.contains("families")) {
    std::vector<std::string> families;
    for (const auto& family : Array(n, "families")) families.push_back(family.get<std::string>());
    absl::StrAppend(&out, "  Families: ", absl::StrJoin(families, ", "), "\n");
  }
  if (n.contains("capabilities")) {
    absl::StrAppend(&out, "  Capabilities: ", Capabilities(Child(n, "capabilities")), "\n");
  }
  if (const std::string gr = GracefulRestart(Child(n, "graceful_restart")); !gr.empty())
    absl::StrAppend(&out, "  Graceful restart: ", gr, "\n");
  const nlohmann::json& messages = Child(n, "messages");
  absl::StrAppend(&out, "  Messages: received ", Text(messages, "received", "0"), ", sent ",
                  Text(messages, "sent", "0"), "\n");
  const nlohmann::json& prefixes = Child(n, "prefixes");
  if (prefixes.is_object() && !prefixes.empty()) absl::StrAppend(&out, "\n", Indent(PrefixTable(prefixes), "  "));
  std::string last;
  AppendIfPresent(last, n, "last_error", "Last error");
  AppendIfPresent(last, n, "last_notification_sent", "Last notification sent");
  AppendIfPresent(last, n, "last_notification_received", "Last notification received");
  AppendIfPresent(last, n, "down_reason", "Down reason");
  if (!last.empty()) absl::StrAppend(&out, "\n", last);
  return out;
}

}  // namespace

absl::StatusOr<std::string> RenderNeighbors(const nlohmann::json& neighbors) {
  return Guarded([&] {
    std::vector<std::string> blocks;
    for (const nlohmann::json& neighbor : Array(neighbors, "neighbors")) {
      blocks.push_back(NeighborBlock(neighbor));
    }
    if (blocks.empty()) return std::string("No neighbors.\n");
    return absl::StrJoin(blocks, "\n");
  });
}

}  // namespace meshbgp::cli
