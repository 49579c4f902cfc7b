// The looking glass: read-only HTML pages on the API listeners, rendered on
// the server from the same answers bgpctl gets (no JavaScript, nothing
// fetched from the internet):
//   /                         router status, the sessions summary and the
//                             mesh groups (DNS name, addresses, sessions)
//   /lg/neighbor/ADDR         one neighbor: facts, routes received, routes
//                             advertised, its EVPN routes
//   /lg/evpn?type=&rd=&mac=&neighbor=   the EVPN table, filtered
//   /lg/prefix?q=PREFIX|ADDRESS         every path for a prefix
#pragma once

#include "bgpd/api/control_backend.h"
#include "bgpd/api/query_string.h"
#include "bgpd/api/request_router.h"

namespace meshbgp::api {

// Rows per routes table; the page says when there are more.
inline constexpr size_t kLookingGlassRows = 1000;

ApiResponse LookingGlassSummary(ControlBackend& backend);
ApiResponse LookingGlassNeighbor(ControlBackend& backend, const std::string& address);
ApiResponse LookingGlassEvpn(ControlBackend& backend, const RequestTarget& target);
ApiResponse LookingGlassPrefix(ControlBackend& backend, const RequestTarget& target);

}  // namespace meshbgp::api
