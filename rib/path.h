// A stored route: interned attributes plus the session it came from.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "rib/attr_store.h"
#include "rib/peer_info.h"

namespace meshbgp::rib {

struct Path {
  AttrRef attrs;
  const PeerInfo* peer = nullptr;
};

// One route's NLRI bytes as received, for families whose routes carry more
// than their RIB key (EVPN labels and ESI): relayed as they came.
using NlriBlob = std::shared_ptr<const std::vector<uint8_t>>;

struct EvpnPath : Path {
  NlriBlob nlri;
};

}  // namespace meshbgp::rib
