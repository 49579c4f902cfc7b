// The control API's view of the daemon: what bgpctl and HTTP clients can ask
// (status, neighbors, RIB) and do (neighbor clear/down/up, reload). The
// daemon implements ControlBackend; the HTTP server only translates requests
// into these calls and their results into responses. The JSON shapes are a
// contract with bgpctl and operators: see docs/bgpctl.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <absl/status/status.h>
#include <absl/status/statusor.h>
#include <nlohmann/json.hpp>

namespace meshbgp::api {

struct RibQuery {
  std::optional<std::string> prefix;    // exact prefix "10.0.0.0/24" (or an address: longest match)
  std::optional<std::string> neighbor;  // peer address
  enum class Direction { kLocRib, kIn, kOut } direction = Direction::kLocRib;
  std::string family = "ipv4";
  size_t limit = 0;  // 0 = no limit
  // family "evpn" only: route type (1-255), RD ("10.0.0.1:100") and MAC
  // ("02:00:00:00:00:01") the routes must have.
  std::optional<uint8_t> evpn_type;
  std::optional<std::string> rd;
  std::optional<std::string> mac;
};

// Every method may be called concurrently from several io_context threads
// (one strand per API connection), so implementations must be thread-safe.
// Errors map to HTTP codes: NotFound 404, InvalidArgument 400,
// FailedPrecondition 409, anything else 500.
class ControlBackend {
 public:
  virtual ~ControlBackend() = default;
  virtual nlohmann::json Status() = 0;
  virtual nlohmann::json Summary() = 0;
  virtual absl::StatusOr<nlohmann::json> Neighbors(const std::optional<std::string>& address) = 0;
  virtual absl::StatusOr<nlohmann::json> Rib(const RibQuery& query) = 0;
  virtual absl::Status NeighborAction(const std::string& address, const std::string& action) = 0;  // clear|down|up
  virtual absl::Status Reload() = 0;
  virtual bool Healthy() = 0;
  virtual bool Ready() = 0;
  // Mesh groups: names, resolved addresses, peer states, last resolution.
  virtual absl::StatusOr<nlohmann::json> Mesh() {
    return absl::UnimplementedError("this daemon has no mesh discovery");
  }
};

}  // namespace meshbgp::api
