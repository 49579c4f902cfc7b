// The configuration the speaker runs while mesh groups are active: the
// file's, plus one static neighbor per address a mesh group's DNS name
// resolves to. Going through neighbors means the speaker's one diff path
// adds and removes mesh peers (only the sessions concerned are touched),
// and a resolved address is always found as a neighbor before any `allow`
// range, so it is never accepted as a client (CONFIG.md §1; meshrr's
// `subtractive` groups). Pure: no DNS, no sockets.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <boost/asio/ip/address.hpp>

#include "bgpd/config/config.h"

namespace meshbgp::session {

struct MeshMembers {
  std::string group;
  // Chosen peers (all of them unless max_peers): we connect to these.
  std::vector<boost::asio::ip::address> peers;
  // Every address the name resolved to, ours excluded. Those not in
  // `peers` (left out by max_peers) become passive neighbors: accepted
  // into the mesh when they choose us, never as clients.
  std::vector<boost::asio::ip::address> resolved;
};

// `base` with the members' neighbors appended (internal, peer_as = our AS,
// the mesh port). Groups that are not mesh groups of `base` are ignored; an
// address that is already a static neighbor keeps its entry; an address in
// several mesh groups goes to the first group listed in `base`.
config::Config WithMeshNeighbors(const config::Config& base, std::span<const MeshMembers> members);

}  // namespace meshbgp::session
