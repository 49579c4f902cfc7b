// A stored route: interned attributes plus the session it came from.
#pragma once

#include "rib/attr_store.h"
#include "rib/peer_info.h"

namespace meshbgp::rib {

struct Path {
  AttrRef attrs;
  const PeerInfo* peer = nullptr;
};

}  // namespace meshbgp::rib
