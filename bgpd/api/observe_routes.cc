#include "bgpd/api/observe_routes.h"

#include <exception>
#include <map>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "bgpd/api/birdwatcher.h"
#include "bgpd/api/looking_glass.h"
#include "bgpd/api/prometheus_text.h"
#include "bgpd/config/absl_compat.h"

namespace meshbgp::api {

namespace {

using boost::beast::http::verb;
using nlohmann::json;
using Segments = std::vector<std::string>;

ApiResponse Json(unsigned status, const json& j) {
  return {status, "application/json", j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n", {}};
}

ApiResponse StatusError(const absl::Status& st) {
  return ErrorResponse(HttpStatusFor(st), config::ToStd(st.message()));
}

// When each neighbor's session entered its state, for the routes' "age".
std::map<std::string, SystemTime> NeighborSince(ControlBackend& backend, SystemTime now) {
  std::map<std::string, SystemTime> since;
  auto neighbors = backend.Neighbors(std::nullopt);
  if (!neighbors.ok()) return since;
  for (const json& n : (*neighbors)["neighbors"]) {
    if (n.contains("address") && n.contains("uptime_s") && n["uptime_s"].is_number())
      since[n["address"].get<std::string>()] = now - std::chrono::seconds(n["uptime_s"].get<int64_t>());
  }
  return since;
}

ApiResponse BirdwatcherRoutesFor(ControlBackend& backend, const RibQuery& q, SystemTime now) {
  auto routes = backend.Rib(q);
  if (!routes.ok()) return StatusError(routes.status());
  const auto since = NeighborSince(backend, now);
  return Json(200, BirdwatcherRoutes(*routes, [&](const std::string& a) -> std::optional<SystemTime> {
    auto it = since.find(a);
    if (it == since.end()) return std::nullopt;
    return it->second;
  }, now));
}

ApiResponse NoRoutes(SystemTime now) {
  json out;
  AddBirdwatcherMeta(out, now);
  out["routes"] = json::array();
  return Json(200, out);
}

std::string Param(const RequestTarget& t, const char* name) {
  for (const auto& [k, v] : t.params)
    if (k == name) return v;
  return "";
}

std::optional<ApiResponse> Dispatch(ControlBackend& backend, const RequestTarget& t, bool read_only) {
  const Segments& s = t.segments;
  const auto now = std::chrono::system_clock::now();
  auto is = [&](std::initializer_list<const char*> want) {
    if (want.size() != s.size()) return false;
    size_t i = 0;
    for (const char* w : want) {
      if (w != nullptr && s[i] != w) return false;
      ++i;
    }
    return true;
  };
  ObserveBackend* observe = backend.Observe();

  if (s.empty()) return LookingGlassSummary(backend);
  if (is({"lg"})) return LookingGlassSummary(backend);
  if (is({"lg", "neighbor", nullptr})) return LookingGlassNeighbor(backend, s[2]);
  if (is({"lg", "evpn"})) return LookingGlassEvpn(backend, t);
  if (is({"lg", "prefix"})) return LookingGlassPrefix(backend, t);

  if (is({"metrics"})) {
    if (observe == nullptr) return ErrorResponse(404, "metrics are not served by this daemon");
    return ApiResponse{200, kPrometheusContentType, observe->Metrics(), {}};
  }
  if (is({"v1", "mrt", "rib"})) {
    if (read_only) return ErrorResponse(403, "MRT dumps are served on the unix socket only (bgpctl dump rib)");
    if (observe == nullptr) return ErrorResponse(404, "MRT dumps are not served by this daemon");
    auto dump = observe->MrtRibDump();
    if (!dump.ok()) return StatusError(dump.status());
    return ApiResponse{200, "application/octet-stream", *std::move(dump), {}};
  }

  // birdwatcher (alice-lg)
  if (is({"status"})) {
    json status = backend.Status();
    return Json(200, BirdwatcherStatus(status, now));
  }
  if (is({"protocols"}) || is({"protocols", "bgp"}) || is({"protocols", "short"})) {
    auto neighbors = backend.Neighbors(std::nullopt);
    if (!neighbors.ok()) return StatusError(neighbors.status());
    return Json(200, BirdwatcherProtocols(*neighbors, now, is({"protocols", "short"})));
  }
  if (is({"routes", "protocol", nullptr})) {
    RibQuery q;
    q.neighbor = s[2];
    q.direction = RibQuery::Direction::kIn;
    return BirdwatcherRoutesFor(backend, q, now);
  }
  if (is({"routes", "filtered", nullptr}) || is({"routes", "noexport", nullptr}) ||
      is({"routes", "table", nullptr, "filtered"})) {
    return NoRoutes(now);
  }
  if (is({"routes", "table", nullptr})) return BirdwatcherRoutesFor(backend, RibQuery{}, now);
  if (is({"routes", "prefix"})) {
    RibQuery q;
    q.prefix = Param(t, "prefix");
    if (q.prefix->empty()) return ErrorResponse(400, "missing ?prefix=");
    return BirdwatcherRoutesFor(backend, q, now);
  }
  return std::nullopt;
}

}  // namespace

std::optional<ApiResponse> RouteObserveRequest(ControlBackend& backend, verb method, const RequestTarget& target,
                                               bool read_only) {
  // These views only read; other methods find no endpoint here.
  if (method != verb::get && method != verb::head) return std::nullopt;
  try {
    return Dispatch(backend, target, read_only);
  } catch (const std::exception& e) {
    spdlog::error("api: observe view failed: {}", e.what());
    return ErrorResponse(500, std::string("internal error: ") + e.what());
  }
}

}  // namespace meshbgp::api
