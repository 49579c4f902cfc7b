// Whether a received path may enter the RIB at all: loop checks that RFC 4271
// and RFC 4456 require of every speaker. Anything that fails is treated as
// withdrawn (kept out of the RIB), never a session reset.
#pragma once

#include <cstdint>
#include <string>

#include "bgpd/wire/types.h"

namespace meshbgp::policy {

struct ImportContext {
  uint32_t local_as = 0;
  uint32_t router_id = 0;
  uint32_t cluster_id = 0;
  uint32_t peer_as = 0;
  bool ibgp = false;
  // A route server's clients send their own AS first; a path that doesn't
  // start with the peer's AS is malformed for an eBGP neighbour.
  bool enforce_first_as = true;
};

// Empty when acceptable; otherwise why not, for logs and counters.
std::string ImportRejection(const wire::PathAttrs& attrs, const ImportContext& ctx);

}  // namespace meshbgp::policy
