// `bgpctl show rib`: one line per path, as OpenBGPD's `bgpctl show rib`.
#include <absl/strings/str_cat.h>

#include "bgpd/cli/render.h"
#include "bgpd/cli/render_helpers.h"
#include "bgpd/cli/table.h"

namespace meshbgp::cli {
namespace {

constexpr char kLegend[] =
    "flags: * = valid, > = best\n"
    "origin: i = IGP, e = EGP, ? = incomplete\n\n";

// Kept through its peer's graceful restart.
bool IsStale(const nlohmann::json& route) {
  const nlohmann::json& stale = Child(route, "stale");
  return stale.is_boolean() && stale.get<bool>();
}

std::string Flags(const nlohmann::json& route) {
  const nlohmann::json& valid = Child(route, "valid");  // absent: the RIB keeps only valid paths
  const nlohmann::json& best = Child(route, "best");
  std::string flags;
  flags += valid.is_boolean() && !valid.get<bool>() ? ' ' : '*';
  flags += best.is_boolean() && best.get<bool>() ? '>' : ' ';
  if (IsStale(route)) flags += 'S';
  return flags;
}

std::string OriginCode(const std::string& origin) {
  if (origin == "igp") return "i";
  if (origin == "egp") return "e";
  if (origin == "incomplete") return "?";
  return origin;
}

std::string PathAndOrigin(const nlohmann::json& route) {
  const std::string path = Text(route, "as_path");
  const std::string origin = OriginCode(Text(route, "origin"));
  if (path.empty()) return origin;
  if (origin.empty()) return path;
  return absl::StrCat(path, " ", origin);
}

}  // namespace

absl::StatusOr<std::string> RenderRib(const nlohmann::json& rib) {
  return Guarded([&] {
    using Align = Table::Align;
    Table table({{"flags", Align::kLeft},
                 {"prefix", Align::kLeft},
                 {"nexthop", Align::kLeft},
                 {"neighbor", Align::kLeft},
                 {"MED", Align::kRight},
                 {"LP", Align::kRight},
                 {"aspath origin", Align::kLeft}});
    bool any_stale = false;
    for (const nlohmann::json& route : Array(rib, "routes")) {
      any_stale |= IsStale(route);
      table.AddRow({Flags(route), Text(route, "prefix", "?"), Text(route, "next_hop", "-"),
                    Text(route, "neighbor", "-"), Text(route, "med", "-"), Text(route, "local_pref", "-"),
                    PathAndOrigin(route)});
    }
    // The stale flag is explained only where it shows, so the usual
    // output stays as it was.
    return std::string(kLegend) + (any_stale ? "S = stale (peer in graceful restart)\n\n" : "") +
           table.Render();
  });
}

}  // namespace meshbgp::cli
