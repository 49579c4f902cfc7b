// The control API's EVPN views: `show evpn` (GET /v1/rib?family=evpn) lists
// the EVPN Loc-RIB, or one neighbor's Adj-RIB-In/Out, with every route field
// and the EVPN extended communities and PMSI tunnel decoded; the summary
// counts EVPN routes per route type, in the RIB and per neighbor.
#include <array>
#include <map>

#include <absl/strings/ascii.h>

#include "bgpd/api/community_text.h"
#include "bgpd/api/route_json.h"
#include "bgpd/daemon/control.h"
#include "bgpd/daemon/daemon.h"
#include "evpn/ext_communities.h"
#include "evpn/nlri_codec.h"
#include "evpn/pmsi_tunnel.h"
#include "evpn/route_text.h"
#include "rib/best_path.h"

namespace meshbgp::daemon {

using nlohmann::json;

namespace {

// The route as received; a stored NLRI always decodes (it was checked on
// the way in), an empty route otherwise.
evpn::EvpnRoute RouteOf(const rib::EvpnPath& p) {
  if (p.nlri) {
    auto routes = evpn::DecodeEvpnNlri(*p.nlri);
    if (routes.ok() && routes->size() == 1) return std::move((*routes)[0]);
  }
  return {};
}

void PutIfSet(json& j, const char* name, const std::string& value) {
  if (!value.empty()) j[name] = value;
}

json FieldsJson(const evpn::EvpnRoute& route, const evpn::EvpnKey& key) {
  const evpn::RouteFields f = evpn::FieldsOf(route);
  json r;
  r["family"] = "evpn";
  r["route"] = evpn::ToString(key);
  r["type"] = route.type;
  r["type_name"] = f.type_name;
  PutIfSet(r, "rd", f.rd);
  PutIfSet(r, "esi", f.esi);
  PutIfSet(r, "etag", f.etag);
  PutIfSet(r, "mac", f.mac);
  PutIfSet(r, "ip", f.ip);
  PutIfSet(r, "prefix", f.prefix);
  PutIfSet(r, "gateway", f.gateway);
  PutIfSet(r, "label", f.label);
  PutIfSet(r, "label2", f.label2);
  PutIfSet(r, "malformed", f.malformed);
  r["raw"] = f.raw;
  return r;
}

// Path attributes as for IPv4, with EVPN extended communities in their EVPN
// text forms and the PMSI tunnel read out.
void AppendEvpnAttrs(const wire::PathAttrs& attrs, json& r) {
  api::AppendPathAttrsJson(attrs, r);
  if (!attrs.ext_communities.empty()) {
    json ext = json::array();
    for (uint64_t c : attrs.ext_communities)
      ext.push_back(evpn::EvpnExtCommunityToString(c).value_or(api::ExtCommunityToString(c)));
    r["ext_communities"] = std::move(ext);
  }
  for (const wire::RawAttr& a : attrs.other) {
    if (a.type != static_cast<uint8_t>(wire::AttrType::kPmsiTunnel)) continue;
    if (auto t = evpn::ParsePmsiTunnel(a.value)) {
      r["pmsi"] = {{"flags", t->flags},
                   {"tunnel_type", evpn::TunnelTypeName(t->tunnel_type)},
                   {"label", evpn::ToString(t->label)},
                   {"tunnel_id", evpn::TunnelIdToString(*t)}};
    }
  }
}

// The query's type/rd/mac filters against one route.
bool Matches(const api::RibQuery& q, const evpn::EvpnKey& key, const evpn::EvpnRoute& route) {
  if (q.evpn_type && key.type() != *q.evpn_type) return false;
  if (!q.rd && !q.mac) return true;
  const evpn::RouteFields f = evpn::FieldsOf(route);
  if (q.rd && f.rd != *q.rd) return false;
  if (q.mac && f.mac != absl::AsciiStrToLower(*q.mac)) return false;
  return true;
}

std::string TypeKey(uint8_t type) { return std::to_string(type); }

}  // namespace

absl::StatusOr<json> Control::EvpnRib(const api::RibQuery& q, const rib::PeerInfo* member,
                                      const policy::GroupExportRules* rules) {
  json routes = json::array();
  bool full = false;
  auto add = [&](const evpn::EvpnKey& key, const rib::EvpnPath& p, const wire::PathAttrs& attrs, bool best) {
    json r = FieldsJson(RouteOf(p), key);
    r["neighbor"] = p.peer->address_text;
    r["peer_as"] = p.peer->asn;
    r["best"] = best;
    AppendEvpnAttrs(attrs, r);
    routes.push_back(std::move(r));
    if (q.limit && routes.size() >= q.limit) full = true;
  };
  d_.exchange().evpn().ForEach([&](const evpn::EvpnKey& key, std::span<const rib::EvpnPath> paths) {
    if (full || paths.empty()) return;
    if (q.evpn_type && key.type() != *q.evpn_type) return;
    if (!Matches(q, key, RouteOf(paths[0]))) return;  // rd and mac are key fields: same in every path
    if (q.direction == api::RibQuery::Direction::kOut) {
      auto best = rib::SelectBest(paths, [&](const rib::EvpnPath& p) {
        return rules->GroupAccepts(p) && rules->MemberAccepts(*member, p);
      });
      if (best) add(key, paths[*best], rules->Transform(paths[*best]), true);
      return;
    }
    auto best = rib::SelectBest(paths, [](const rib::EvpnPath&) { return true; });
    for (size_t i = 0; i < paths.size() && !full; ++i) {
      if (member && paths[i].peer != member) continue;
      add(key, paths[i], paths[i].attrs->attrs(), best && *best == i);
    }
  });
  return json{{"routes", std::move(routes)}};
}

// Routes (keys) and paths per route type in the EVPN RIB, and each
// neighbor's paths per type. Walks the table one shard at a time.
void Control::AppendEvpnCounts(json& summary) {
  std::array<uint64_t, 256> routes{}, paths{};
  std::map<std::string, std::array<uint64_t, 256>> by_neighbor;
  d_.exchange().evpn().ForEach([&](const evpn::EvpnKey& key, std::span<const rib::EvpnPath> list) {
    ++routes[key.type()];
    paths[key.type()] += list.size();
    for (const rib::EvpnPath& p : list) ++by_neighbor[p.peer->address_text][key.type()];
  });
  json r = json::object(), p = json::object();
  for (size_t t = 0; t < routes.size(); ++t) {
    if (routes[t] == 0) continue;
    r[TypeKey(static_cast<uint8_t>(t))] = routes[t];
    p[TypeKey(static_cast<uint8_t>(t))] = paths[t];
  }
  summary["evpn"] = {{"routes_by_type", std::move(r)}, {"paths_by_type", std::move(p)}};
  for (json& n : summary["neighbors"]) {
    if (!n.contains("prefixes") || !n["prefixes"].contains("evpn")) continue;
    json types = json::object();
    if (auto it = by_neighbor.find(n.value("address", "")); it != by_neighbor.end()) {
      for (size_t t = 0; t < it->second.size(); ++t)
        if (it->second[t]) types[TypeKey(static_cast<uint8_t>(t))] = it->second[t];
    }
    n["prefixes"]["evpn"]["by_type"] = std::move(types);
  }
}

}  // namespace meshbgp::daemon
