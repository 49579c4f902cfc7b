// The EVPN Loc-RIB as JSON for the looking glass: each path with its
// route's text fields (evpn/route_text.h) and attributes, filtered by
// route type, RD, MAC and source peer.
#pragma once

#include <absl/status/statusor.h>
#include <nlohmann/json.hpp>

#include "bgpd/api/observe_backend.h"
#include "bgpd/session/route_exchange.h"

namespace meshbgp::daemon {

absl::StatusOr<nlohmann::json> EvpnRoutesJson(const session::RouteExchange& exchange,
                                              const api::EvpnQuery& query);

}  // namespace meshbgp::daemon
