#include "bgpd/session/settings_from_config.h"

namespace meshbgp::session {

SessionSettings SettingsForGroup(const config::Config& cfg, const config::Group& g) {
  SessionSettings s;
  s.group = g.name;
  s.ibgp = g.type == config::GroupType::kInternal;
  s.dynamic = true;
  s.local_as = cfg.asn;
  s.router_id = cfg.router_id;
  s.allowed_as = g.peer_as;
  s.hold_time = g.hold_time;
  s.ttl = g.multihop;
  s.max_prefixes = g.max_prefixes;
  s.max_prefixes_restart_s =
      static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(g.max_prefixes_restart).count());
  s.ttl_security = g.ttl_security;
  s.password = g.password;
  s.families = g.families;
  s.rr_client = g.route_reflector;
  s.passive = true;
  s.graceful_restart = g.graceful_restart;
  s.graceful_restart.select_defer_time = 0;
  return s;
}

SessionSettings SettingsForNeighbor(const config::Config& cfg, const config::Neighbor& n) {
  const config::Group* g = cfg.FindGroup(n.group);
  SessionSettings s = g ? SettingsForGroup(cfg, *g) : SessionSettings{};
  if (!g) {
    s.local_as = cfg.asn;
    s.router_id = cfg.router_id;
    s.families = {wire::Family::kIpv4Unicast};
    s.group = n.group;
    s.graceful_restart = cfg.graceful_restart;
    s.graceful_restart.select_defer_time = 0;
  }
  s.dynamic = false;
  s.expected_as = n.peer_as;
  s.allowed_as.clear();
  s.passive = n.passive.value_or(g ? g->passive : false);
  s.password = cfg.PasswordOf(n);
  return s;
}

namespace {
std::array<uint8_t, 16> Bytes(const boost::asio::ip::address& a, bool* v6) {
  std::array<uint8_t, 16> out{};
  if (a.is_v4()) {
    auto b = a.to_v4().to_bytes();
    std::copy(b.begin(), b.end(), out.begin());
    *v6 = false;
  } else if (a.to_v6().is_v4_mapped()) {
    auto b = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()).to_bytes();
    std::copy(b.begin(), b.end(), out.begin());
    *v6 = false;
  } else {
    auto b = a.to_v6().to_bytes();
    std::copy(b.begin(), b.end(), out.begin());
    *v6 = true;
  }
  return out;
}
}  // namespace

const config::Group* GroupAllowing(const config::Config& cfg, const boost::asio::ip::address& source) {
  bool v6 = false;
  const auto bytes = Bytes(source, &v6);
  for (const config::Group& g : cfg.groups) {
    for (const config::IpPrefix& p : g.allow) {
      if (p.Contains(bytes, v6)) return &g;
    }
  }
  return nullptr;
}

const config::Neighbor* FindNeighbor(const config::Config& cfg, const boost::asio::ip::address& a) {
  boost::system::error_code ec;
  for (const config::Neighbor& n : cfg.neighbors) {
    auto na = boost::asio::ip::make_address(n.address, ec);
    if (ec) continue;
    if (na == a) return &n;
    if (a.is_v6() && a.to_v6().is_v4_mapped() && na.is_v4() &&
        boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6()) == na.to_v4())
      return &n;
  }
  return nullptr;
}

uint32_t ClusterIdOf(const config::Config& cfg, const config::Group& g) {
  return g.cluster_id.value_or(cfg.router_id);
}

}  // namespace meshbgp::session
