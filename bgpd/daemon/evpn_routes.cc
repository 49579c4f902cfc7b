#include "bgpd/daemon/evpn_routes.h"

#include <algorithm>
#include <cctype>

#include "bgpd/api/route_json.h"
#include "evpn/nlri_codec.h"
#include "evpn/route_text.h"
#include "rib/best_path.h"

namespace meshbgp::daemon {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool Matches(const evpn::RouteFields& f, const std::string& neighbor, const api::EvpnQuery& q) {
  if (q.type && f.type != *q.type) return false;
  if (q.rd && f.rd != *q.rd) return false;
  if (q.mac && Lower(f.mac) != Lower(*q.mac)) return false;
  if (q.neighbor && neighbor != *q.neighbor) return false;
  return true;
}

nlohmann::json FieldsJson(const evpn::RouteFields& f) {
  nlohmann::json j;
  auto put = [&](const char* name, const std::string& v) {
    if (!v.empty()) j[name] = v;
  };
  put("type", f.type);
  put("type_name", f.type_name);
  put("rd", f.rd);
  put("esi", f.esi);
  put("etag", f.etag);
  put("mac", f.mac);
  put("ip", f.ip);
  put("prefix", f.prefix);
  put("gateway", f.gateway);
  put("label", f.label);
  put("label2", f.label2);
  put("malformed", f.malformed);
  return j;
}

}  // namespace

absl::StatusOr<nlohmann::json> EvpnRoutesJson(const session::RouteExchange& exchange,
                                              const api::EvpnQuery& q) {
  nlohmann::json routes = nlohmann::json::array();
  bool truncated = false;
  exchange.evpn().ForEach([&](const evpn::EvpnKey&, std::span<const rib::EvpnPath> paths) {
    if (truncated) return;
    auto best = rib::SelectBest(paths, [](const rib::Path&) { return true; });
    for (size_t i = 0; i < paths.size(); ++i) {
      auto decoded = evpn::DecodeEvpnNlri(*paths[i].nlri);
      if (!decoded.ok() || decoded->size() != 1) continue;
      const evpn::EvpnRoute& route = (*decoded)[0];
      const evpn::RouteFields f = evpn::FieldsOf(route);
      if (!Matches(f, paths[i].peer->address_text, q)) continue;
      if (q.limit && routes.size() >= q.limit) {
        truncated = true;
        return;
      }
      nlohmann::json r = FieldsJson(f);
      r["family"] = "evpn";
      r["route"] = evpn::RouteToString(route);
      r["neighbor"] = paths[i].peer->address_text;
      r["peer_as"] = paths[i].peer->asn;
      r["best"] = best && *best == i;
      api::AppendPathAttrsJson(paths[i].attrs->attrs(), r);
      routes.push_back(std::move(r));
    }
  });
  return nlohmann::json{{"routes", std::move(routes)}, {"truncated", truncated}};
}

}  // namespace meshbgp::daemon
