// Maps one HTTP request (method + target) of the control API to a
// ControlBackend call and its result to a status code and body. No sockets:
// the connection code hands requests in and writes the answer out.
#pragma once

#include <string>
#include <string_view>

#include <absl/status/status.h>
#include <boost/beast/http/verb.hpp>

#include "bgpd/api/control_backend.h"

namespace meshbgp::api {

struct ApiResponse {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string allow;  // the Allow header of a 405
  std::string content_security_policy;  // for HTML pages; "" = none
};

// NotFound 404, InvalidArgument 400, FailedPrecondition 409, other errors 500.
unsigned HttpStatusFor(const absl::Status& status);
// {"error": message} with the given status.
ApiResponse ErrorResponse(unsigned status, std::string_view message);

// `read_only` (the TCP listener) refuses state-changing requests with 403.
// HEAD is answered like GET; the caller drops the body. Never throws:
// backend exceptions become 500.
ApiResponse RouteRequest(ControlBackend& backend, boost::beast::http::verb method,
                         std::string_view target, bool read_only);

}  // namespace meshbgp::api
