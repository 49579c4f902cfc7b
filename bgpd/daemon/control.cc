#include "bgpd/daemon/control.h"

#include <algorithm>
#include <cstdlib>

#include "bgpd/api/route_json.h"
#include "bgpd/daemon/daemon.h"
#include "bgpd/daemon/observability.h"
#include "bgpd/daemon/route_counts.h"
#include "bgpd/daemon/mesh_link.h"
#include "k8s/pod_identity.h"
#include "rib/best_path.h"

namespace meshbgp::daemon {

using nlohmann::json;

namespace {

int64_t SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - t).count();
}

json SummaryEntry(const session::SessionSnapshot& s) {
  json n;
  n["address"] = s.remote_address;
  n["asn"] = s.peer_as;
  n["group"] = s.group;
  n["dynamic"] = s.dynamic;
  n["state"] = session::StateName(s.state);
  if (s.state_since != std::chrono::steady_clock::time_point{}) n["uptime_s"] = SecondsSince(s.state_since);
  // received/accepted: prefixes held now (rejected ones are not stored);
  // the totals count every announcement since the session came up.
  for (size_t f = 0; f < wire::kFamilyCount; ++f) {
    const auto& c = s.family[f];
    // Families the session did not negotiate are left out once it is up.
    if (s.negotiated && !s.negotiated->families[f]) continue;
    n["prefixes"][wire::FamilyName(static_cast<wire::Family>(f))] = {
        {"received", c.accepted},
        {"accepted", c.accepted},
        {"announcements_total", c.received},
        {"rejected_total", c.rejected}};
  }
  n["messages"] = {{"received", s.messages_in}, {"sent", s.messages_out}};
  if (!s.last_error.empty()) n["last_error"] = s.last_error;
  return n;
}

// Graceful restart of one peer: what was negotiated, and its stale paths
// while it restarts (helper side).
json GracefulRestartJson(const session::SessionSnapshot* s,
                         const session::RouteExchange::StaleStatus* stale) {
  json gr = json::object();
  if (s && s->negotiated && s->negotiated->peer_gr) {
    const auto& p = *s->negotiated->peer_gr;
    gr["peer_restart_time"] = p.restart_time;
    gr["peer_restart_state"] = p.restart_state;
    gr["notification"] = s->negotiated->gr_notification;
    json fams = json::array();
    for (const auto& f : p.families) {
      if (auto fam = wire::FamilyOf(f.afi_safi)) fams.push_back(wire::FamilyName(*fam));
    }
    gr["peer_families"] = fams;
  }
  if (stale) {
    gr["stale_paths"] = stale->paths;
    gr["state"] = stale->back ? "awaiting End-of-RIB" : "restarting";
    gr["stale_expires_in_s"] = stale->seconds_left;
  }
  return gr;
}

const session::RouteExchange::StaleStatus* FindStale(
    const std::vector<session::RouteExchange::StaleStatus>& all, const std::string& address) {
  for (const auto& st : all)
    if (st.address == address) return &st;
  return nullptr;
}

// A peer away in graceful restart whose session is gone (a dynamic peer):
// it still holds paths, so it still shows.
session::SessionSnapshot RestartingPeer(const session::RouteExchange::StaleStatus& st) {
  session::SessionSnapshot snap;
  snap.remote_address = st.address;
  snap.group = st.group;
  snap.peer_as = st.asn;
  snap.dynamic = true;
  snap.state = session::State::kIdle;
  snap.prefixes_accepted = static_cast<int64_t>(st.paths);
  snap.last_error = "graceful restart: keeping its routes as stale";
  return snap;
}

json NeighborEntry(const session::SessionSnapshot& s) {
  json n = SummaryEntry(s);
  n["router_id"] = wire::Ipv4ToString(s.peer_router_id);
  n["local_address"] = s.local_address;
  n["remote_port"] = s.remote_port;
  n["direction"] = s.outbound ? "outbound" : "inbound";
  n["hold_time"] = s.negotiated ? s.negotiated->hold_time : s.configured_hold_time;
  n["keepalive"] = (s.negotiated ? s.negotiated->hold_time : s.configured_hold_time) / 3;
  json fams = json::array();
  json caps = json::object();
  if (s.negotiated) {
    for (size_t f = 0; f < wire::kFamilyCount; ++f)
      if (s.negotiated->families[f]) fams.push_back(wire::FamilyName(static_cast<wire::Family>(f)));
    caps = {{"four_octet_as", s.negotiated->four_octet_as},
            {"route_refresh", s.negotiated->route_refresh},
            {"enhanced_route_refresh", s.negotiated->enhanced_route_refresh},
            {"extended_message", s.negotiated->extended_message},
            // In use when both sides offered it (we do unless the group
            // disabled it); the peer's offer is shown on its own.
            {"graceful_restart", s.negotiated->peer_gr.has_value()},
            {"add_path", false}};
    n["peer_capabilities"] = {{"graceful_restart", s.negotiated->graceful_restart},
                              {"add_path", s.negotiated->add_path}};
  }
  n["families"] = fams;
  n["capabilities"] = caps;
  // Bytes waiting to be written to the peer (bounded: a slow reader falls
  // behind and is caught up from the RIB).
  n["out_queue_bytes"] = s.out_queue_bytes;
  n["security"] = {{"md5", s.md5}, {"ttl_security", s.ttl_security}};
  if (!s.last_notification_sent.empty()) n["last_notification_sent"] = s.last_notification_sent;
  if (!s.last_notification_received.empty())
    n["last_notification_received"] = s.last_notification_received;
  return n;
}

json RouteJson(const wire::Ipv4Prefix& prefix, const wire::PathAttrs& attrs, const rib::PeerInfo& from,
               bool best, bool stale = false) {
  json r;
  r["family"] = "ipv4";
  r["prefix"] = wire::ToString(prefix);
  r["neighbor"] = from.address_text;
  r["peer_as"] = from.asn;
  r["best"] = best;
  if (stale) r["stale"] = true;  // kept through the peer's graceful restart
  api::AppendPathAttrsJson(attrs, r);
  return r;
}

// Matches "10.0.0.0/24" exactly, or an address by longest match.
std::vector<wire::Ipv4Prefix> Candidates(const std::string& text, bool* bad) {
  if (auto p = wire::ParseIpv4Prefix(text)) return {*p};
  auto a = wire::ParseIpv4(text);
  if (!a) {
    *bad = true;
    return {};
  }
  std::vector<wire::Ipv4Prefix> out;
  for (int len = 32; len >= 0; --len) {
    const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
    out.push_back({*a & mask, static_cast<uint8_t>(len)});
  }
  return out;
}

}  // namespace

Control::Control(Daemon& d) : d_(d), observe_(std::make_unique<Observability>(d)) {}
Control::~Control() = default;

json Control::Status() {
  const config::Config cfg = d_.config();
  json j;
  j["version"] = PROJECT_VERSION;
  j["asn"] = cfg.asn;
  j["asn_text"] = config::AsnToString(cfg.asn);
  j["router_id"] = wire::Ipv4ToString(cfg.router_id);
  j["uptime_s"] = SecondsSince(d_.started());
  j["config"] = d_.config_path().empty() ? "<embedded default>" : d_.config_path();
  j["threads"] = d_.threads();
  const k8s::PodIdentity pod = k8s::PodIdentityFromEnv();
  j["pod"] = {{"name", pod.name}, {"namespace", pod.name_space}, {"node", pod.node}, {"ip", pod.ip}};
  const auto& rib = d_.exchange().ipv4();
  j["rib"]["ipv4"] = {{"prefixes", rib.PrefixCount()}, {"paths", rib.PathCount()}};
  const auto& evpn = d_.exchange().evpn();
  j["rib"]["evpn"] = {{"prefixes", evpn.PrefixCount()}, {"paths", evpn.PathCount()}};
  j["attr_sets"] = d_.exchange().attrs().size();
  j["update_groups"] = d_.exchange().GroupCount();
  return j;
}

json Control::Summary() {
  const config::Config cfg = d_.config();
  json j;
  j["asn"] = cfg.asn;
  j["router_id"] = wire::Ipv4ToString(cfg.router_id);
  j["neighbors"] = json::array();
  const auto stale = d_.exchange().StalePeers();
  const auto snaps = d_.speaker().Snapshots();
  for (const auto& s : snaps) {
    json n = SummaryEntry(s);
    if (const auto* st = FindStale(stale, s.remote_address)) n["prefixes"]["ipv4"]["stale"] = st->paths;
    j["neighbors"].push_back(std::move(n));
  }
  for (const auto& st : stale) {
    if (std::any_of(snaps.begin(), snaps.end(),
                    [&](const auto& s) { return s.remote_address == st.address; }))
      continue;
    json n = SummaryEntry(RestartingPeer(st));
    n["prefixes"]["ipv4"]["stale"] = st.paths;
    j["neighbors"].push_back(std::move(n));
  }
  AppendEvpnCounts(j);
  return j;
}

// Prefixes the session is sent now: what its export rules select from the
// RIB (the group keeps no per-member copy, so this walks the table; it runs
// for `show neighbor`, not for the summary).
size_t Control::Advertised(const std::shared_ptr<session::Session>& s) {
  return CountRoutes(d_.exchange(), {s}).advertised[0][static_cast<size_t>(wire::Family::kIpv4Unicast)];
}

absl::StatusOr<json> Control::Neighbors(const std::optional<std::string>& address) {
  json j;
  j["neighbors"] = json::array();
  const auto sessions = d_.speaker().Sessions();
  const auto stale = d_.exchange().StalePeers();
  auto snaps = d_.speaker().Snapshots();
  for (const auto& st : stale) {
    if (std::none_of(snaps.begin(), snaps.end(),
                     [&](const auto& s) { return s.remote_address == st.address; }))
      snaps.push_back(RestartingPeer(st));
  }
  for (const auto& s : snaps) {
    if (address && s.remote_address != *address) continue;
    json n = NeighborEntry(s);
    n["graceful_restart"] = GracefulRestartJson(&s, FindStale(stale, s.remote_address));
    for (const auto& sess : sessions) {
      if (sess->address_text() == s.remote_address && sess->state() == session::State::kEstablished &&
          sess->negotiated().has(wire::Family::kIpv4Unicast))
        n["prefixes"]["ipv4"]["advertised"] = Advertised(sess);
    }
    j["neighbors"].push_back(std::move(n));
  }
  if (address && j["neighbors"].empty()) return absl::NotFoundError("no neighbor " + *address);
  return j;
}

absl::StatusOr<json> Control::Rib(const api::RibQuery& q) {
  if (q.family != "ipv4" && q.family != "evpn")
    return absl::InvalidArgumentError("family '" + q.family + "' is not served (ipv4, evpn)");
  if (q.family != "evpn" && (q.evpn_type || q.rd || q.mac))
    return absl::InvalidArgumentError("type, rd and mac filter EVPN routes (family evpn)");
  if (q.family == "evpn" && q.prefix)
    return absl::InvalidArgumentError("EVPN routes are chosen with type, rd and mac, not '" + *q.prefix + "'");
  // The session for a neighbor filter: its PeerInfo (in) and group (out).
  std::shared_ptr<session::Session> sess;
  if (q.neighbor) {
    for (const auto& s : d_.speaker().Sessions()) {
      if (s->address_text() == *q.neighbor && s->state() == session::State::kEstablished) sess = s;
    }
    if (!sess) return absl::NotFoundError("no Established session with " + *q.neighbor);
  } else if (q.direction != api::RibQuery::Direction::kLocRib) {
    return absl::InvalidArgumentError("in/out needs a neighbor");
  }
  std::shared_ptr<const policy::GroupExportRules> rules;
  if (q.direction == api::RibQuery::Direction::kOut) {
    rules = d_.exchange().RulesFor(sess->settings().group);
    if (!rules) return absl::NotFoundError("no export rules for group " + sess->settings().group);
  }
  const rib::PeerInfo* member = sess ? &sess->peer() : nullptr;
  if (q.family == "evpn") return EvpnRib(q, member, rules.get());

  const session::RouteExchange::StaleIpv4 stale = d_.exchange().StaleIpv4Keys();
  auto is_stale = [&](const rib::Path& p, const wire::Ipv4Prefix& key) {
    for (const auto& [peer, keys] : stale)
      if (peer == p.peer && keys.contains(key)) return true;
    return false;
  };
  json routes = json::array();
  bool full = false;
  auto visit = [&](const wire::Ipv4Prefix& key, std::span<const rib::Path> paths) {
    if (full) return;
    if (q.direction == api::RibQuery::Direction::kOut) {
      auto best = rib::SelectBest(paths, [&](const rib::Path& p) {
        return rules->GroupAccepts(p) && rules->MemberAccepts(*member, p);
      });
      if (best)
        routes.push_back(RouteJson(key, rules->Transform(paths[*best]), *paths[*best].peer, true,
                                   is_stale(paths[*best], key)));
    } else {
      auto best = rib::SelectBest(paths, [](const rib::Path&) { return true; });
      for (size_t i = 0; i < paths.size(); ++i) {
        if (member && paths[i].peer != member) continue;
        routes.push_back(RouteJson(key, paths[i].attrs->attrs(), *paths[i].peer, best && *best == i,
                                   is_stale(paths[i], key)));
      }
    }
    if (q.limit && routes.size() >= q.limit) full = true;
  };
  const auto& rib = d_.exchange().ipv4();
  if (q.prefix) {
    bool bad = false;
    for (const auto& key : Candidates(*q.prefix, &bad)) {
      if (rib.Visit(key, [&](std::span<const rib::Path> paths) { visit(key, paths); })) break;
    }
    if (bad) return absl::InvalidArgumentError("'" + *q.prefix + "' is not an IPv4 prefix or address");
  } else {
    rib.ForEach(visit);
  }
  return json{{"routes", std::move(routes)}};
}

absl::Status Control::NeighborAction(const std::string& address, const std::string& action) {
  return d_.speaker().NeighborAction(address, action);
}

absl::Status Control::Reload() { return d_.Reload(); }
bool Control::Healthy() { return d_.Healthy(); }
bool Control::Ready() { return d_.Ready(); }
absl::StatusOr<json> Control::Mesh() { return d_.mesh().Json(); }

}  // namespace meshbgp::daemon
