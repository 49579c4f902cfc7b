#include "bgpd/daemon/route_counts.h"

namespace meshbgp::daemon {

namespace {

struct Member {
  const rib::PeerInfo* peer;
  std::shared_ptr<const policy::GroupExportRules> rules;
  size_t index;  // into RouteCounts::advertised
};

template <typename Rib>
void CountFamily(const Rib& rib, size_t family, const std::vector<Member>& members, RouteCounts& out) {
  rib.ForEach([&](const auto&, auto paths) {
    for (const auto& p : paths) ++out.accepted[p.peer->id][family];
    for (const Member& m : members) {
      for (const auto& p : paths) {
        if (m.rules->GroupAccepts(p) && m.rules->MemberAccepts(*m.peer, p)) {
          ++out.advertised[m.index][family];
          break;
        }
      }
    }
  });
}

}  // namespace

RouteCounts CountRoutes(const session::RouteExchange& exchange,
                        const std::vector<std::shared_ptr<session::Session>>& sessions) {
  RouteCounts out;
  out.advertised.assign(sessions.size(), FamilyCounts{});
  std::array<std::vector<Member>, wire::kFamilyCount> members;
  for (size_t i = 0; i < sessions.size(); ++i) {
    const auto& s = sessions[i];
    if (s->state() != session::State::kEstablished) continue;
    auto rules = exchange.RulesFor(s->settings().group);
    if (!rules) continue;
    for (size_t f = 0; f < wire::kFamilyCount; ++f) {
      if (s->negotiated().has(static_cast<wire::Family>(f))) members[f].push_back({&s->peer(), rules, i});
    }
  }
  CountFamily(exchange.ipv4(), static_cast<size_t>(wire::Family::kIpv4Unicast),
              members[static_cast<size_t>(wire::Family::kIpv4Unicast)], out);
  CountFamily(exchange.evpn(), static_cast<size_t>(wire::Family::kEvpn),
              members[static_cast<size_t>(wire::Family::kEvpn)], out);
  return out;
}

}  // namespace meshbgp::daemon
