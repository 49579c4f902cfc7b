// What one received UPDATE does to the Loc-RIBs, before it touches them:
// its IPv4 unicast and L2VPN EVPN routes split into withdrawals and
// announcements, for the families the session negotiated, with every
// announcement turned into a withdrawal when the UPDATE fails an import
// rule (RFC 7606 treat-as-withdraw, a malformed EVPN route, or the loop and
// first-AS checks of import_check.h). No session, no RIB: the daemon's
// RouteExchange::Import and the RIB fuzz target both apply its result.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bgpd/policy/import_check.h"
#include "bgpd/wire/types.h"
#include "bgpd/wire/update.h"
#include "evpn/route_key.h"
#include "rib/path.h"

namespace meshbgp::policy {

// What the session negotiated and how its paths are checked.
struct ImportSession {
  bool ipv4 = false;  // IPv4 unicast negotiated
  bool evpn = false;  // L2VPN EVPN negotiated
  ImportContext ctx;
};

// Reused across UPDATEs (ReadUpdate clears it), so a busy session does not
// allocate per UPDATE.
struct ImportedRoutes {
  std::vector<wire::Ipv4Prefix> withdraw, announce;
  std::vector<evpn::EvpnKey> evpn_withdraw, evpn_announce;
  std::vector<rib::NlriBlob> evpn_nlri;  // evpn_announce[i]'s bytes
  // Announcements received (before any rejection), per family.
  size_t ipv4_received = 0, evpn_received = 0;
  // Why the announcements were withdrawn instead; empty when accepted.
  std::string rejected;
  // For the session's log: routes of a family it did not negotiate were
  // ignored; an EVPN NLRI field did not frame (the decoder checks framing,
  // so only if that changes); the first malformed EVPN route's reason.
  bool ipv4_not_negotiated = false, evpn_not_negotiated = false;
  bool evpn_unreadable = false;
  std::string evpn_malformed;

  bool empty() const {
    return withdraw.empty() && announce.empty() && evpn_withdraw.empty() && evpn_announce.empty();
  }
};

// Fills `out` from `u` (not an End-of-RIB: the caller handles those).
void ReadUpdate(const wire::Update& u, const ImportSession& session, ImportedRoutes& out);

}  // namespace meshbgp::policy
