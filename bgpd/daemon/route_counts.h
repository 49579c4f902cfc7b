// Per-session route counts read from the Loc-RIBs for /metrics and `show
// neighbor`: paths each peer has in the RIB (accepted) and prefixes its
// export rules give each Established session now (advertised). Update
// groups keep no per-member copy, so both come from one walk of each
// family's RIB, one shard lock at a time; it runs per scrape, never on the
// UPDATE path.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "bgpd/session/route_exchange.h"
#include "bgpd/session/session.h"

namespace meshbgp::daemon {

using FamilyCounts = std::array<uint64_t, wire::kFamilyCount>;

struct RouteCounts {
  absl::flat_hash_map<rib::PeerId, FamilyCounts> accepted;  // by PeerInfo id
  // advertised[i] belongs to sessions[i] as passed to CountRoutes.
  std::vector<FamilyCounts> advertised;
};

// `sessions`: those to count advertised routes for (others get zeros).
RouteCounts CountRoutes(const session::RouteExchange& exchange,
                        const std::vector<std::shared_ptr<session::Session>>& sessions);

}  // namespace meshbgp::daemon
