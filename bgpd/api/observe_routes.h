// The operators' views on the API listeners, next to the /v1 control API:
// GET /metrics (Prometheus), the looking glass (/ and /lg/...), the
// birdwatcher endpoints alice-lg reads (/status, /protocols/..., /routes/...)
// and GET /v1/mrt/rib (the MRT RIB dump behind `bgpctl dump rib`, on the
// unix socket only: a full table is not for the monitoring port).
#pragma once

#include <optional>

#include <boost/beast/http/verb.hpp>

#include "bgpd/api/control_backend.h"
#include "bgpd/api/query_string.h"
#include "bgpd/api/request_router.h"

namespace meshbgp::api {

// nullopt when `target` is none of these paths. Never throws.
std::optional<ApiResponse> RouteObserveRequest(ControlBackend& backend, boost::beast::http::verb method,
                                               const RequestTarget& target, bool read_only);

}  // namespace meshbgp::api
