#include "bgpd/session/mesh_neighbors.h"

#include <algorithm>

#include "bgpd/session/settings_from_config.h"

namespace meshbgp::session {

config::Config WithMeshNeighbors(const config::Config& base, std::span<const MeshMembers> members) {
  config::Config out = base;
  std::vector<boost::asio::ip::address> taken;
  auto add = [&](const config::Group& g, const boost::asio::ip::address& a, bool passive) {
    if (FindNeighbor(base, a) != nullptr) return;  // the file's entry wins
    if (std::find(taken.begin(), taken.end(), a) != taken.end()) return;
    taken.push_back(a);
    config::Neighbor n;
    n.address = a.to_string();
    n.peer_as = base.asn;
    n.group = g.name;
    n.port = g.mesh->port;
    if (passive) n.passive = true;
    out.neighbors.push_back(std::move(n));
  };
  // Configuration order decides which group an address shared by two
  // names belongs to, whatever order the members come in.
  for (const config::Group& g : base.groups) {
    if (!g.mesh) continue;
    for (const MeshMembers& m : members) {
      if (m.group != g.name) continue;
      for (const auto& a : m.peers) add(g, a, /*passive=*/false);
      for (const auto& a : m.resolved) {
        if (std::find(m.peers.begin(), m.peers.end(), a) == m.peers.end()) add(g, a, /*passive=*/true);
      }
    }
  }
  return out;
}

}  // namespace meshbgp::session
