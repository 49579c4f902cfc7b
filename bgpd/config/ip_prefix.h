// IP addresses and prefixes as written in the configuration (`allow`
// ranges, neighbor addresses): parsing, printing and containment, for IPv4
// and IPv6 alike. IpPrefix itself is declared in config.h.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <absl/status/statusor.h>

#include "bgpd/config/config.h"

namespace meshbgp::config {

struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 in the first 4 bytes
  friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

// A literal IPv4 ("10.0.0.1") or IPv6 ("fd00::1") address, no brackets.
std::optional<IpAddress> ParseIpAddress(std::string_view text);
std::string IpAddressToString(const IpAddress& a);
// IPv4 only; host byte order. nullopt for anything else.
std::optional<uint32_t> ParseIpv4Address(std::string_view text);
std::string Ipv4AddressToString(uint32_t host_order);

// "10.0.0.0/8", "fc00::/7"; a bare address means a single host (/32, /128).
// Host bits set ("10.0.0.1/8") is an error that names the network meant.
absl::StatusOr<IpPrefix> ParseIpPrefix(std::string_view text);

// True if the two prefixes share an address (one contains the other).
bool PrefixesOverlap(const IpPrefix& a, const IpPrefix& b);

}  // namespace meshbgp::config
