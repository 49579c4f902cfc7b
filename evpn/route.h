// One EVPN route (RFC 7432 §7, RFC 9136 §3) as received, and typed views of
// the five route types we understand. A route server relays routes byte for
// byte, so the route is its raw NLRI; the views are read from it on demand
// (for keys, logs and bgpctl) and built into raw NLRI for tests and tools.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "evpn/fields.h"

namespace meshbgp::evpn {

enum class RouteType : uint8_t {
  kEthernetAd = 1,
  kMacIp = 2,
  kInclusiveMulticast = 3,
  kEthernetSegment = 4,
  kIpPrefix = 5,
};
bool IsKnownType(uint8_t type);  // 1..5
const char* TypeName(uint8_t type);  // "ethernet-ad", ..., "unknown"

// A route read in place inside a received NLRI field: what the hot path
// keys and relays without copying. raw is (type, length, value).
struct EvpnNlriRef {
  uint8_t type = 0;
  std::span<const uint8_t> raw;
  std::string_view reason;  // non-empty: malformed, see EvpnRoute
  bool malformed() const { return !reason.empty(); }
  std::span<const uint8_t> value() const { return raw.size() < 2 ? raw.last(0) : raw.subspan(2); }
};

struct EvpnRoute {
  uint8_t type = 0;
  std::vector<uint8_t> raw;  // the whole NLRI (type, length, value) as received
  // A known type whose value does not match its format (the framing was
  // intact, so the routes around it are still readable). RFC 7606 §5.3
  // makes the UPDATE treat-as-withdraw at best; reason is a static string.
  bool malformed = false;
  std::string_view reason;

  std::span<const uint8_t> value() const {
    return raw.size() < 2 ? std::span<const uint8_t>{} : std::span<const uint8_t>(raw).subspan(2);
  }
  EvpnNlriRef ref() const { return {type, raw, reason}; }
  friend bool operator==(const EvpnRoute& a, const EvpnRoute& b) {
    return a.type == b.type && a.raw == b.raw;
  }
};

// Type 1 (RFC 7432 §7.1).
struct EthernetAd {
  Rd rd;
  Esi esi;
  uint32_t etag = 0;
  Label label;
  friend bool operator==(const EthernetAd&, const EthernetAd&) = default;
};
// Type 2 (RFC 7432 §7.2).
struct MacIp {
  Rd rd;
  Esi esi;
  uint32_t etag = 0;
  Mac mac;  // MAC Address Length is always 48
  IpAddr ip;
  Label label1;
  std::optional<Label> label2;
  friend bool operator==(const MacIp&, const MacIp&) = default;
};
// Type 3 (RFC 7432 §7.3).
struct InclusiveMulticast {
  Rd rd;
  uint32_t etag = 0;
  IpAddr originator;
  friend bool operator==(const InclusiveMulticast&, const InclusiveMulticast&) = default;
};
// Type 4 (RFC 7432 §7.4).
struct EthernetSegment {
  Rd rd;
  Esi esi;
  IpAddr originator;
  friend bool operator==(const EthernetSegment&, const EthernetSegment&) = default;
};
// Type 5 (RFC 9136 §3.1); prefix and gateway are both 4 or both 16 octets.
struct IpPrefix {
  Rd rd;
  Esi esi;
  uint32_t etag = 0;
  uint8_t prefix_len = 0;
  IpAddr prefix;
  IpAddr gateway;
  Label label;
  friend bool operator==(const IpPrefix&, const IpPrefix&) = default;
};

// Why the value of a known type is malformed, or empty when it is well
// formed (and for unknown types, whose format we cannot judge).
std::string_view CheckValue(uint8_t type, std::span<const uint8_t> value);

// The typed views: nullopt when the route is of another type or malformed.
std::optional<EthernetAd> AsEthernetAd(const EvpnNlriRef& r);
std::optional<MacIp> AsMacIp(const EvpnNlriRef& r);
std::optional<InclusiveMulticast> AsInclusiveMulticast(const EvpnNlriRef& r);
std::optional<EthernetSegment> AsEthernetSegment(const EvpnNlriRef& r);
std::optional<IpPrefix> AsIpPrefix(const EvpnNlriRef& r);
inline std::optional<EthernetAd> AsEthernetAd(const EvpnRoute& r) { return AsEthernetAd(r.ref()); }
inline std::optional<MacIp> AsMacIp(const EvpnRoute& r) { return AsMacIp(r.ref()); }
inline std::optional<InclusiveMulticast> AsInclusiveMulticast(const EvpnRoute& r) {
  return AsInclusiveMulticast(r.ref());
}
inline std::optional<EthernetSegment> AsEthernetSegment(const EvpnRoute& r) {
  return AsEthernetSegment(r.ref());
}
inline std::optional<IpPrefix> AsIpPrefix(const EvpnRoute& r) { return AsIpPrefix(r.ref()); }

// Builders: the route with its canonical encoding. Addresses of a size the
// format does not allow give a route that decodes as malformed.
EvpnRoute MakeRoute(const EthernetAd& v);
EvpnRoute MakeRoute(const MacIp& v);
EvpnRoute MakeRoute(const InclusiveMulticast& v);
EvpnRoute MakeRoute(const EthernetSegment& v);
EvpnRoute MakeRoute(const IpPrefix& v);
// Any type from its value (up to 255 octets): how unknown types are built.
EvpnRoute MakeRoute(uint8_t type, std::span<const uint8_t> value);

}  // namespace meshbgp::evpn
