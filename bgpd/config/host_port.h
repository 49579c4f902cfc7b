// Socket addresses written as "host:port" or "[v6]:port" (listen entries,
// api.http). The host is an IP literal: these are addresses to bind, and a
// name that resolves differently tomorrow has no place there.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <absl/status/statusor.h>

#include "bgpd/config/ip_prefix.h"

namespace meshbgp::config {

struct HostPort {
  IpAddress address;
  uint16_t port = 0;
  friend bool operator==(const HostPort&, const HostPort&) = default;
};

// "0.0.0.0:179", "[::]:179", "[fd00::1]:9179"; port 1..65535.
absl::StatusOr<HostPort> ParseHostPort(std::string_view text);
// The canonical form: "10.0.0.1:179", "[fd00::1]:179".
std::string HostPortToString(const HostPort& hp);

}  // namespace meshbgp::config
