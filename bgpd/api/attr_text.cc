#include "bgpd/api/attr_text.h"

#include <algorithm>

#include <absl/strings/str_cat.h>

#include "bgpd/config/ip_prefix.h"
#include "bgpd/wire/hex.h"

namespace meshbgp::api {
namespace {

std::string Ipv6ToString(const uint8_t* bytes) {
  config::IpAddress address{.v6 = true};
  std::copy(bytes, bytes + 16, address.bytes.begin());
  return config::IpAddressToString(address);
}

uint32_t LoadBigEndian32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

const char* OriginName(wire::Origin origin) {
  switch (origin) {
    case wire::Origin::kIgp: return "igp";
    case wire::Origin::kEgp: return "egp";
    case wire::Origin::kIncomplete: return "incomplete";
  }
  return "invalid";
}

std::string AggregatorToString(const wire::Aggregator& aggregator) {
  return absl::StrCat(aggregator.asn, " ", wire::Ipv4ToString(aggregator.address));
}

std::string NextHopToString(std::span<const uint8_t> next_hop) {
  switch (next_hop.size()) {
    case 4: return wire::Ipv4ToString(LoadBigEndian32(next_hop.data()));
    case 16: return Ipv6ToString(next_hop.data());
    case 32: return absl::StrCat(Ipv6ToString(next_hop.data()), " ", Ipv6ToString(next_hop.data() + 16));
    default: return absl::StrCat("0x", wire::ToHex(next_hop));
  }
}

}  // namespace meshbgp::api
