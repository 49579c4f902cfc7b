// The embedded default configuration (CONFIG.md §4), so that `bgpd` with
// no file does its job on a fresh machine, and the runtime-dependent
// defaults it shares with the YAML reader: the router id and the API
// socket's directory. DefaultConfig() and DefaultConfigYaml() are declared
// in config.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bgpd/config/config.h"
#include "bgpd/config/env_expand.h"

namespace meshbgp::config {

inline constexpr uint32_t kDefaultAsn = 65000;
inline constexpr std::string_view kDefaultHttp = "127.0.0.1:9179";
inline constexpr std::string_view kDefaultGroupName = "clients";
// Clients of this deployment are DC gateways peering over multihop eBGP
// (CONFIG.md §2: evpnrs clients use multihop 10).
inline constexpr uint8_t kDefaultClientMultihop = 10;
// TEST-NET-1 (RFC 5737): a router id for machines with no IPv4 address at
// all. It is never routed, so it cannot collide with a real router's id.
inline constexpr uint32_t kFallbackRouterId = 0xC0000201;  // 192.0.2.1

// The first IPv4 address of an interface that is up and not loopback, in
// the kernel's interface order (getifaddrs); host byte order.
std::optional<uint32_t> FirstNonLoopbackIpv4();
// POD_IP when it is an IPv4 address (in a pod it is the address peers
// see), else FirstNonLoopbackIpv4(), else kFallbackRouterId.
uint32_t DetectRouterId(const EnvLookup& env);
// $XDG_RUNTIME_DIR/meshbgp/bgpd.sock when that directory is set and
// writable, else /run/meshbgp/bgpd.sock for root, else
// /tmp/meshbgp-$UID/bgpd.sock. The API module creates the directory.
std::string DefaultApiSocket(const EnvLookup& env);

Config DefaultConfig(const EnvLookup& env);

}  // namespace meshbgp::config
