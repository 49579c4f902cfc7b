#include "bgpd/api/request_router.h"

#include <exception>
#include <functional>
#include <vector>

#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <spdlog/spdlog.h>

#include "bgpd/api/query_string.h"
#include "bgpd/api/rib_query.h"
#include "bgpd/config/absl_compat.h"

namespace meshbgp::api {
namespace {

using boost::beast::http::verb;
using config::ToAbsl;
using config::ToStd;

constexpr std::string_view kAny = "*";  // a pattern segment matching any value

struct Route {
  std::vector<std::string_view> pattern;
  verb method;  // GET routes also answer HEAD
  std::function<ApiResponse(ControlBackend&, const RequestTarget&)> handle;
};

std::string Dump(const nlohmann::json& value) {
  // Backend strings (peer-sent error text, names) may hold invalid UTF-8;
  // replacing it beats throwing in the middle of a response.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ApiResponse JsonResponse(const nlohmann::json& value) { return {200, "application/json", Dump(value), {}}; }

ApiResponse FromStatusOr(const absl::StatusOr<nlohmann::json>& result) {
  if (!result.ok()) return ErrorResponse(HttpStatusFor(result.status()), ToStd(result.status().message()));
  return JsonResponse(*result);
}

ApiResponse FromStatus(const absl::Status& status) {
  if (!status.ok()) return ErrorResponse(HttpStatusFor(status), ToStd(status.message()));
  return JsonResponse({{"result", "ok"}});
}

ApiResponse Probe(bool good, const char* bad_text) {
  if (good) return {200, "text/plain", "ok\n", {}};
  return {503, "text/plain", absl::StrCat(bad_text, "\n"), {}};
}

std::string MethodName(verb method) {
  const auto name = boost::beast::http::to_string(method);
  return std::string(name.data(), name.size());
}

bool IsAction(std::string_view action) {
  return action == "clear" || action == "down" || action == "up";
}

const std::vector<Route>& Routes() {
  static const std::vector<Route> routes = {
      {{"healthz"}, verb::get,
       [](ControlBackend& b, const RequestTarget&) { return Probe(b.Healthy(), "not healthy"); }},
      {{"readyz"}, verb::get,
       [](ControlBackend& b, const RequestTarget&) { return Probe(b.Ready(), "not ready"); }},
      {{"v1", "status"}, verb::get,
       [](ControlBackend& b, const RequestTarget&) { return JsonResponse(b.Status()); }},
      {{"v1", "summary"}, verb::get,
       [](ControlBackend& b, const RequestTarget&) { return JsonResponse(b.Summary()); }},
      {{"v1", "neighbors"}, verb::get,
       [](ControlBackend& b, const RequestTarget&) { return FromStatusOr(b.Neighbors(std::nullopt)); }},
      {{"v1", "neighbors", kAny}, verb::get,
       [](ControlBackend& b, const RequestTarget& t) {
         return FromStatusOr(b.Neighbors(t.segments[2]));
       }},
      {{"v1", "neighbors", kAny, kAny}, verb::post,
       [](ControlBackend& b, const RequestTarget& t) {
         const std::string& action = t.segments[3];
         if (!IsAction(action)) {
           return ErrorResponse(404, absl::StrCat("unknown neighbor action '", action,
                                                  "' (clear, down, up)"));
         }
         return FromStatus(b.NeighborAction(t.segments[2], action));
       }},
      {{"v1", "rib"}, verb::get,
       [](ControlBackend& b, const RequestTarget& t) {
         auto query = RibQueryFromParams(t.params);
         if (!query.ok()) return ErrorResponse(400, ToStd(query.status().message()));
         return FromStatusOr(b.Rib(*query));
       }},
      {{"v1", "mesh"}, verb::get,
       [](ControlBackend& b, const RequestTarget&) { return FromStatusOr(b.Mesh()); }},
      {{"v1", "reload"}, verb::post,
       [](ControlBackend& b, const RequestTarget&) { return FromStatus(b.Reload()); }},
  };
  return routes;
}

bool Matches(const Route& route, const RequestTarget& target) {
  if (route.pattern.size() != target.segments.size()) return false;
  for (size_t i = 0; i < route.pattern.size(); ++i) {
    if (route.pattern[i] != kAny && route.pattern[i] != target.segments[i]) return false;
  }
  return true;
}

bool Accepts(const Route& route, verb method) {
  return method == route.method || (route.method == verb::get && method == verb::head);
}

std::string AllowHeader(const std::vector<const Route*>& candidates) {
  std::vector<std::string> methods;
  for (const Route* route : candidates) {
    methods.push_back(MethodName(route->method));
    if (route->method == verb::get) methods.push_back("HEAD");
  }
  return absl::StrJoin(methods, ", ");
}

}  // namespace

unsigned HttpStatusFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk: return 200;
    case absl::StatusCode::kNotFound: return 404;
    case absl::StatusCode::kInvalidArgument: return 400;
    case absl::StatusCode::kFailedPrecondition: return 409;
    default: return 500;
  }
}

ApiResponse ErrorResponse(unsigned status, std::string_view message) {
  return {status, "application/json", Dump({{"error", message}}), {}};
}

ApiResponse RouteRequest(ControlBackend& backend, verb method, std::string_view target,
                         bool read_only) {
  auto parsed = ParseRequestTarget(target);
  if (!parsed.ok()) return ErrorResponse(400, ToStd(parsed.status().message()));

  std::vector<const Route*> candidates;
  for (const Route& route : Routes()) {
    if (Matches(route, *parsed)) candidates.push_back(&route);
  }
  if (candidates.empty()) return ErrorResponse(404, absl::StrCat("no such endpoint: ", ToAbsl(target)));
  const Route* route = nullptr;
  for (const Route* candidate : candidates) {
    if (Accepts(*candidate, method)) route = candidate;
  }
  if (route == nullptr) {
    ApiResponse response = ErrorResponse(
        405, absl::StrCat("method ", MethodName(method), " not allowed"));
    response.allow = AllowHeader(candidates);
    return response;
  }
  if (read_only && route->method != verb::get) {
    return ErrorResponse(403, "this listener is read-only; use the unix socket (bgpctl)");
  }
  try {
    return route->handle(backend, *parsed);
  } catch (const std::exception& e) {
    spdlog::error("api: {} {} failed: {}", MethodName(method), target, e.what());
    return ErrorResponse(500, absl::StrCat("internal error: ", e.what()));
  }
}

}  // namespace meshbgp::api
