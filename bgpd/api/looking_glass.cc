#include "bgpd/api/looking_glass.h"

#include <cstdio>

#include <absl/strings/str_join.h>

#include "bgpd/api/html_page.h"
#include "bgpd/api/rib_query.h"
#include "bgpd/config/absl_compat.h"

namespace meshbgp::api {

namespace {

using nlohmann::json;

constexpr const char* kHtml = "text/html; charset=utf-8";
// Defence in depth behind the escaping: no script, nothing from elsewhere,
// forms only to us.
constexpr const char* kPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

std::string Text(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array()) {
    std::vector<std::string> parts;
    for (const auto& v : *it) parts.push_back(v.is_string() ? v.get<std::string>() : v.dump());
    return absl::StrJoin(parts, " ");
  }
  return it->dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Param(const RequestTarget& t, const char* name) {
  for (const auto& [k, v] : t.params)
    if (k == name) return v;
  return "";
}

std::string NeighborHref(const std::string& address) { return "/lg/neighbor/" + PercentEncode(address); }

std::string Duration(const json& n) {
  auto it = n.find("uptime_s");
  if (it == n.end() || !it->is_number()) return "";
  int64_t s = it->get<int64_t>();
  const int64_t d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;
  s %= 60;
  char buf[64];
  if (d > 0) {
    std::snprintf(buf, sizeof buf, "%lldd%02lldh%02lldm", static_cast<long long>(d), static_cast<long long>(h),
                  static_cast<long long>(m));
  } else {
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(h), static_cast<long long>(m),
                  static_cast<long long>(s));
  }
  return buf;
}

const std::vector<std::string> kRouteHeaders = {"Prefix",      "From",        "Best",       "Next hop",
                                                "AS path",     "Origin",      "MED",        "Local pref",
                                                "Communities", "Large communities", "Extended communities"};

std::vector<HtmlRow> RouteRows(const json& routes) {
  std::vector<HtmlRow> rows;
  for (const json& r : routes) {
    const std::string from = Text(r, "neighbor");
    rows.push_back({{Text(r, "prefix"), "/lg/prefix?q=" + PercentEncode(Text(r, "prefix"))},
                    {from, from.empty() ? "" : NeighborHref(from)},
                    {r.value("best", false) ? "yes" : "", ""},
                    {Text(r, "next_hop"), ""},
                    {Text(r, "as_path"), ""},
                    {Text(r, "origin"), ""},
                    {Text(r, "med"), ""},
                    {Text(r, "local_pref"), ""},
                    {Text(r, "communities"), ""},
                    {Text(r, "large_communities"), ""},
                    {Text(r, "ext_communities"), ""}});
  }
  return rows;
}

const std::vector<std::string> kEvpnHeaders = {"Route", "Type",     "RD",       "ESI",  "Ethernet tag", "MAC",
                                               "IP",    "Prefix",   "Label",    "Next hop", "From", "Best",
                                               "Extended communities"};

std::vector<HtmlRow> EvpnRows(const json& routes) {
  std::vector<HtmlRow> rows;
  for (const json& r : routes) {
    const std::string from = Text(r, "neighbor");
    rows.push_back({{Text(r, "route"), ""},
                    {Text(r, "type_name"), "/lg/evpn?type=" + PercentEncode(Text(r, "type"))},
                    {Text(r, "rd"), "/lg/evpn?rd=" + PercentEncode(Text(r, "rd"))},
                    {Text(r, "esi"), ""},
                    {Text(r, "etag"), ""},
                    {Text(r, "mac"), Text(r, "mac").empty() ? "" : "/lg/evpn?mac=" + PercentEncode(Text(r, "mac"))},
                    {Text(r, "ip"), ""},
                    {Text(r, "prefix"), ""},
                    {Text(r, "label"), ""},
                    {Text(r, "next_hop"), ""},
                    {from, from.empty() ? "" : NeighborHref(from)},
                    {r.value("best", false) ? "yes" : "", ""},
                    {Text(r, "ext_communities"), ""}});
  }
  return rows;
}

// A routes table, or what the backend said instead.
void RoutesSection(HtmlPage& page, const absl::StatusOr<json>& answer, const std::string& id) {
  if (!answer.ok()) {
    page.Paragraph(std::string(config::ToStd(answer.status().message())));
    return;
  }
  const json& routes = answer->contains("routes") ? (*answer)["routes"] : json::array();
  page.Paragraph(std::to_string(routes.size()) + " routes" +
                 (routes.size() >= kLookingGlassRows ? " (first " + std::to_string(kLookingGlassRows) + " shown)" : ""));
  page.Table(kRouteHeaders, RouteRows(routes), id);
}

// The EVPN routes `q` selects: the same query as `bgpctl show evpn`.
void EvpnSection(HtmlPage& page, ControlBackend& backend, RibQuery q, const std::string& id) {
  q.family = "evpn";
  q.limit = kLookingGlassRows;
  auto answer = backend.Rib(q);
  if (!answer.ok()) {
    page.Paragraph(std::string(config::ToStd(answer.status().message())));
    return;
  }
  const json& routes = answer->contains("routes") ? (*answer)["routes"] : json::array();
  page.Paragraph(std::to_string(routes.size()) + " EVPN routes" +
                 (routes.size() >= kLookingGlassRows ? " (first " + std::to_string(kLookingGlassRows) + " shown)" : ""));
  page.Table(kEvpnHeaders, EvpnRows(routes), id);
}

// Each mesh group: its DNS name, what it resolved to and when, and the
// session with every resolved address. Nothing without mesh groups.
void MeshSection(HtmlPage& page, ControlBackend& backend) {
  const absl::StatusOr<json> mesh = backend.Mesh();
  if (!mesh.ok() || !mesh->contains("groups") || (*mesh)["groups"].empty()) return;
  page.Heading("Mesh");
  for (const json& g : (*mesh)["groups"]) {
    const std::string name = Text(g, "name");
    page.Heading("Mesh group " + name, 3);
    std::string last = Text(g, "last_resolution");
    if (g.contains("last_resolution_age_s")) last += " (" + Text(g, "last_resolution_age_s") + " s ago)";
    page.Facts({{"DNS name", Text(g, "dns") + " port " + Text(g, "port")},
                {"Interval", Text(g, "interval")},
                {"Resolved", Text(g, "resolved")},
                {"Last resolution", last.empty() ? "never" : last},
                {"Error", Text(g, "error")},
                {"Failed attempts in a row", Text(g, "consecutive_errors") == "0" ? "" : Text(g, "consecutive_errors")}});
    std::vector<HtmlRow> rows;
    for (const json& p : g.value("peers", json::array())) {
      const std::string address = Text(p, "address");
      rows.push_back({{address, NeighborHref(address)},
                      {p.value("chosen", false) ? "yes" : "no", ""},
                      {Text(p, "state"), ""},
                      {p.value("initial_table_received", false) ? "yes" : "no", ""}});
    }
    page.Table({"Address", "Peer", "State", "Initial table received"}, rows, "mesh-" + name);
  }
}

ApiResponse Html(HtmlPage& page, unsigned status = 200) { return {status, kHtml, page.Finish(), {}, kPolicy}; }

}  // namespace

ApiResponse LookingGlassSummary(ControlBackend& backend) {
  const json status = backend.Status();
  const json summary = backend.Summary();
  HtmlPage page("Route server " + Text(status, "router_id"));
  std::vector<std::pair<std::string, std::string>> facts = {
      {"AS", Text(status, "asn_text")},
      {"Router id", Text(status, "router_id")},
      {"Version", Text(status, "version")},
      {"Uptime", Duration(status)},
      {"Pod", status.contains("pod") ? Text(status["pod"], "name") : ""},
  };
  if (status.contains("rib") && status["rib"].contains("ipv4"))
    facts.push_back({"IPv4 prefixes / paths", Text(status["rib"]["ipv4"], "prefixes") + " / " +
                                                  Text(status["rib"]["ipv4"], "paths")});
  facts.push_back({"Update groups", Text(status, "update_groups")});
  page.Facts(facts);
  page.Form("/lg/prefix", {{"q", "Prefix or address", ""}}, "Search");
  page.Heading("Sessions");
  std::vector<HtmlRow> rows;
  for (const json& n : summary.value("neighbors", json::array())) {
    const std::string address = Text(n, "address");
    std::string accepted;
    if (n.contains("prefixes") && n["prefixes"].contains("ipv4")) accepted = Text(n["prefixes"]["ipv4"], "accepted");
    rows.push_back({{address, NeighborHref(address)},
                    {Text(n, "asn"), ""},
                    {Text(n, "group"), ""},
                    {Text(n, "state"), ""},
                    {Duration(n), ""},
                    {accepted, ""},
                    {n.contains("messages") ? Text(n["messages"], "received") : "", ""},
                    {n.contains("messages") ? Text(n["messages"], "sent") : "", ""},
                    {Text(n, "last_error"), ""}});
  }
  page.Table({"Neighbor", "AS", "Group", "State", "For", "Paths held", "Msgs in", "Msgs out", "Last error"},
             rows, "sessions");
  MeshSection(page, backend);
  return Html(page);
}

ApiResponse LookingGlassNeighbor(ControlBackend& backend, const std::string& address) {
  auto neighbors = backend.Neighbors(address);
  if (!neighbors.ok()) {
    HtmlPage page("Neighbor " + address);
    page.Paragraph(std::string(config::ToStd(neighbors.status().message())));
    return Html(page, HttpStatusFor(neighbors.status()));
  }
  HtmlPage page("Neighbor " + address);
  for (const json& n : (*neighbors)["neighbors"]) {
    page.Facts({{"AS", Text(n, "asn")},
                {"Group", Text(n, "group")},
                {"State", Text(n, "state")},
                {"For", Duration(n)},
                {"Router id", Text(n, "router_id")},
                {"Families", Text(n, "families")},
                {"Last error", Text(n, "last_error")},
                {"Last NOTIFICATION sent", Text(n, "last_notification_sent")},
                {"Last NOTIFICATION received", Text(n, "last_notification_received")}});
  }
  RibQuery q;
  q.neighbor = address;
  q.limit = kLookingGlassRows;
  q.direction = RibQuery::Direction::kIn;
  page.Heading("Routes received (IPv4)");
  RoutesSection(page, backend.Rib(q), "received");
  q.direction = RibQuery::Direction::kOut;
  page.Heading("Routes advertised (IPv4)");
  RoutesSection(page, backend.Rib(q), "advertised");
  page.Heading("EVPN routes received");
  q.direction = RibQuery::Direction::kIn;
  EvpnSection(page, backend, q, "evpn-received");
  return Html(page);
}

ApiResponse LookingGlassEvpn(ControlBackend& backend, const RequestTarget& t) {
  HtmlPage page("EVPN routes");
  // The form's fields are GET /v1/rib's filters; empty ones are unset.
  std::vector<std::pair<std::string, std::string>> filters;
  for (const char* name : {"type", "rd", "mac", "neighbor"}) {
    if (std::string v = Param(t, name); !v.empty()) filters.emplace_back(name, v);
  }
  page.Form("/lg/evpn",
            {{"type", "Type (1-5)", Param(t, "type")},
             {"rd", "RD", Param(t, "rd")},
             {"mac", "MAC", Param(t, "mac")},
             {"neighbor", "From", Param(t, "neighbor")}},
            "Filter");
  absl::StatusOr<RibQuery> q = RibQueryFromParams(filters);
  if (!q.ok()) {
    page.Paragraph(std::string(config::ToStd(q.status().message())));
    return Html(page, HttpStatusFor(q.status()));
  }
  EvpnSection(page, backend, *q, "evpn");
  return Html(page);
}

ApiResponse LookingGlassPrefix(ControlBackend& backend, const RequestTarget& t) {
  const std::string prefix = Param(t, "q");
  HtmlPage page(prefix.empty() ? "Prefix search" : "Paths for " + prefix);
  page.Form("/lg/prefix", {{"q", "Prefix or address", prefix}}, "Search");
  if (!prefix.empty()) {
    RibQuery q;
    q.prefix = prefix;
    q.limit = kLookingGlassRows;
    RoutesSection(page, backend.Rib(q), "paths");
  }
  return Html(page);
}

}  // namespace meshbgp::api
