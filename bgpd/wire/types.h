// The values a BGP message carries, as plain C++ data: message and attribute
// type codes, prefixes and the decoded path-attribute set. Codecs in this
// directory translate between these and bytes; nothing here does I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace meshbgp::wire {

inline constexpr size_t kHeaderSize = 19;
inline constexpr size_t kMaxMessageSize = 4096;           // RFC 4271
inline constexpr size_t kMaxExtendedMessageSize = 65535;  // RFC 8654
inline constexpr uint16_t kAsTrans = 23456;               // RFC 6793

enum class MessageType : uint8_t {
  kOpen = 1,
  kUpdate = 2,
  kNotification = 3,
  kKeepalive = 4,
  kRouteRefresh = 5,
};

inline constexpr uint16_t kAfiIpv4 = 1;
inline constexpr uint16_t kAfiIpv6 = 2;
inline constexpr uint16_t kAfiL2vpn = 25;
inline constexpr uint8_t kSafiUnicast = 1;
inline constexpr uint8_t kSafiEvpn = 70;

// The address families meshbgp routes. Index into per-family arrays.
enum class Family : uint8_t { kIpv4Unicast = 0, kEvpn = 1 };
inline constexpr size_t kFamilyCount = 2;
struct AfiSafi {
  uint16_t afi = 0;
  uint8_t safi = 0;
  friend bool operator==(const AfiSafi&, const AfiSafi&) = default;
};
std::optional<Family> FamilyOf(AfiSafi as);
AfiSafi AfiSafiOf(Family f);
const char* FamilyName(Family f);  // "ipv4", "evpn"

// IPv4 prefix, address in host byte order with host bits cleared.
struct Ipv4Prefix {
  uint32_t addr = 0;
  uint8_t len = 0;
  friend bool operator==(const Ipv4Prefix&, const Ipv4Prefix&) = default;
  template <typename H>
  friend H AbslHashValue(H h, const Ipv4Prefix& p) {
    return H::combine(std::move(h), p.addr, p.len);
  }
};
std::string ToString(const Ipv4Prefix& p);                 // "10.0.0.0/24"
std::string Ipv4ToString(uint32_t addr_host_order);        // "10.0.0.1"
std::optional<Ipv4Prefix> ParseIpv4Prefix(std::string_view text);
std::optional<uint32_t> ParseIpv4(std::string_view text);  // host order

// Path attribute type codes.
enum class AttrType : uint8_t {
  kOrigin = 1,
  kAsPath = 2,
  kNextHop = 3,
  kMultiExitDisc = 4,
  kLocalPref = 5,
  kAtomicAggregate = 6,
  kAggregator = 7,
  kCommunities = 8,
  kOriginatorId = 9,
  kClusterList = 10,
  kMpReachNlri = 14,
  kMpUnreachNlri = 15,
  kExtendedCommunities = 16,
  kAs4Path = 17,
  kAs4Aggregator = 18,
  kPmsiTunnel = 22,
  kLargeCommunities = 32,
};

// Attribute flag bits (RFC 4271 §4.3).
inline constexpr uint8_t kFlagOptional = 0x80;
inline constexpr uint8_t kFlagTransitive = 0x40;
inline constexpr uint8_t kFlagPartial = 0x20;
inline constexpr uint8_t kFlagExtendedLength = 0x10;

enum class Origin : uint8_t { kIgp = 0, kEgp = 1, kIncomplete = 2 };

enum class AsSegmentType : uint8_t {
  kAsSet = 1,
  kAsSequence = 2,
  kConfedSequence = 3,
  kConfedSet = 4,
};

struct AsSegment {
  AsSegmentType type = AsSegmentType::kAsSequence;
  std::vector<uint32_t> asns;
  friend bool operator==(const AsSegment&, const AsSegment&) = default;
};

// AS_PATH with 4-octet ASNs (after AS4_PATH reconciliation, RFC 6793 §4.2.3).
struct AsPath {
  std::vector<AsSegment> segments;
  friend bool operator==(const AsPath&, const AsPath&) = default;

  // Length for the decision process (RFC 4271 §9.1.2.2 a): an AS_SET counts
  // as one, confederation segments count zero.
  size_t DecisionLength() const;
  // First AS of the leftmost AS_SEQUENCE (the neighbour AS), 0 if none.
  uint32_t FirstAs() const;
  bool Contains(uint32_t asn) const;
  // Returns a copy with `asn` prepended to the leftmost AS_SEQUENCE.
  AsPath Prepended(uint32_t asn) const;
  std::string ToString() const;  // "65001 65002 {65003,65004}"
};

struct Aggregator {
  uint32_t asn = 0;
  uint32_t address = 0;  // host order
  friend bool operator==(const Aggregator&, const Aggregator&) = default;
};

struct LargeCommunity {
  uint32_t global_admin = 0;
  uint32_t local1 = 0;
  uint32_t local2 = 0;
  friend bool operator==(const LargeCommunity&, const LargeCommunity&) = default;
};

// An attribute kept as received: unknown optional transitive attributes, and
// known ones a route server passes through without interpreting (PMSI).
struct RawAttr {
  uint8_t flags = 0;
  uint8_t type = 0;
  std::vector<uint8_t> value;
  friend bool operator==(const RawAttr&, const RawAttr&) = default;
};

// The attributes shared by every NLRI of one UPDATE. MP_REACH/MP_UNREACH are
// not here: their NLRI belong to the Update, their next hop is mp_next_hop.
struct PathAttrs {
  std::optional<Origin> origin;
  std::optional<AsPath> as_path;
  std::optional<uint32_t> next_hop;  // IPv4 NEXT_HOP, host order
  std::vector<uint8_t> mp_next_hop;  // MP_REACH next hop bytes as received
  std::optional<uint32_t> med;
  std::optional<uint32_t> local_pref;
  bool atomic_aggregate = false;
  std::optional<Aggregator> aggregator;
  std::vector<uint32_t> communities;
  std::vector<uint64_t> ext_communities;  // each 8 octets, big-endian value
  std::vector<LargeCommunity> large_communities;
  std::optional<uint32_t> originator_id;
  std::vector<uint32_t> cluster_list;
  std::vector<RawAttr> other;  // sorted by type; relayed as-is (+Partial)

  friend bool operator==(const PathAttrs&, const PathAttrs&) = default;
};

struct MpReach {
  AfiSafi afi_safi;
  std::vector<uint8_t> next_hop;
  std::vector<uint8_t> nlri;  // raw; the family's codec splits it
};
struct MpUnreach {
  AfiSafi afi_safi;
  std::vector<uint8_t> nlri;
};

// NOTIFICATION error codes and subcodes (RFC 4271 §4.5, 6.x; RFC 4486).
enum class ErrorCode : uint8_t {
  kMessageHeader = 1,
  kOpenMessage = 2,
  kUpdateMessage = 3,
  kHoldTimerExpired = 4,
  kFsm = 5,
  kCease = 6,
  kRouteRefresh = 7,  // RFC 7313
};
namespace header_error {
inline constexpr uint8_t kConnectionNotSynchronized = 1;
inline constexpr uint8_t kBadMessageLength = 2;
inline constexpr uint8_t kBadMessageType = 3;
}  // namespace header_error
namespace open_error {
inline constexpr uint8_t kUnsupportedVersion = 1;
inline constexpr uint8_t kBadPeerAs = 2;
inline constexpr uint8_t kBadBgpIdentifier = 3;
inline constexpr uint8_t kUnsupportedOptionalParameter = 4;
inline constexpr uint8_t kUnacceptableHoldTime = 6;
inline constexpr uint8_t kUnsupportedCapability = 7;
}  // namespace open_error
namespace update_error {
inline constexpr uint8_t kMalformedAttributeList = 1;
inline constexpr uint8_t kUnrecognizedWellKnownAttribute = 2;
inline constexpr uint8_t kMissingWellKnownAttribute = 3;
inline constexpr uint8_t kAttributeFlagsError = 4;
inline constexpr uint8_t kAttributeLengthError = 5;
inline constexpr uint8_t kInvalidOriginAttribute = 6;
inline constexpr uint8_t kInvalidNextHopAttribute = 8;
inline constexpr uint8_t kOptionalAttributeError = 9;
inline constexpr uint8_t kInvalidNetworkField = 10;
inline constexpr uint8_t kMalformedAsPath = 11;
}  // namespace update_error
namespace cease {
inline constexpr uint8_t kMaxPrefixes = 1;
inline constexpr uint8_t kAdministrativeShutdown = 2;
inline constexpr uint8_t kPeerDeconfigured = 3;
inline constexpr uint8_t kAdministrativeReset = 4;
inline constexpr uint8_t kConnectionRejected = 5;
inline constexpr uint8_t kOtherConfigurationChange = 6;
inline constexpr uint8_t kConnectionCollisionResolution = 7;
inline constexpr uint8_t kOutOfResources = 8;
inline constexpr uint8_t kHardReset = 9;
}  // namespace cease

struct Notification {
  uint8_t code = 0;
  uint8_t subcode = 0;
  std::vector<uint8_t> data;
  friend bool operator==(const Notification&, const Notification&) = default;
};

}  // namespace meshbgp::wire
