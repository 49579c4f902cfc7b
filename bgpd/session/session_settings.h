// Everything a session needs from the configuration, resolved for one peer
// (its group merged with its neighbor entry), and what the OPEN exchange
// negotiated.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bgpd/config/config.h"
#include "bgpd/wire/capabilities.h"
#include "bgpd/wire/types.h"

namespace meshbgp::session {

struct SessionSettings {
  std::string group;
  bool ibgp = false;
  bool dynamic = false;           // accepted through an `allow` range
  uint32_t local_as = 0;
  uint32_t router_id = 0;         // ours, host order
  uint32_t expected_as = 0;       // static neighbour: exactly this AS
  std::vector<config::AsRange> allowed_as;  // dynamic: any of these (empty = any)
  uint16_t hold_time = 90;
  uint8_t ttl = 1;
  uint32_t max_prefixes = 0;
  uint32_t max_prefixes_restart_s = 0;  // hold-down after a max_prefixes Cease
  bool ttl_security = false;      // RFC 5082 GTSM: TTL 255 out, 256 - ttl minimum in
  std::string password;           // TCP MD5 key (RFC 2385); never logged
  std::vector<wire::Family> families;
  bool rr_client = false;         // member of a route_reflector group
  bool passive = false;
  // The group's graceful restart (RFC 4724/8538); select_defer_time is
  // process-wide and stays 0 here.
  config::GracefulRestartConfig graceful_restart;
  friend bool operator==(const SessionSettings&, const SessionSettings&) = default;
};

struct Negotiated {
  uint32_t peer_as = 0;
  uint32_t peer_router_id = 0;
  uint16_t hold_time = 0;
  bool four_octet_as = false;
  bool route_refresh = false;
  bool enhanced_route_refresh = false;
  bool extended_message = false;
  bool graceful_restart = false;  // the PEER advertised it
  // The peer's graceful restart capability, kept only when we offered ours
  // too: what we act on as its helper (RFC 4724 §4.2).
  std::optional<wire::GracefulRestart> peer_gr;
  bool gr_notification = false;   // both sides set the N bit (RFC 8538)
  bool add_path = false;          // the PEER advertised it (we don't yet)
  std::array<bool, wire::kFamilyCount> families{};
  size_t max_message_size = wire::kMaxMessageSize;
  bool has(wire::Family f) const { return families[static_cast<size_t>(f)]; }
};

}  // namespace meshbgp::session
