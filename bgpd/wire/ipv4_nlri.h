// Prefix lists in the RFC 4271 §4.3 encoding (length octet, then just
// enough address octets), as used by the UPDATE's Withdrawn Routes and
// NLRI fields and by MP_REACH/MP_UNREACH for unicast families.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "bgpd/wire/types.h"

namespace meshbgp::wire {

enum class NlriStatus : uint8_t {
  kOk,
  kPrefixTooLong,  // a length above the family's maximum
  kTruncated,      // the last prefix runs past the end of the field
};

struct NlriScan {
  NlriStatus status = NlriStatus::kOk;
  size_t count = 0;      // prefixes found (valid ones before an error)
  size_t host_bits = 0;  // prefixes with bits set past their length
};

// Checks the syntax of a prefix field (RFC 7606 §5.3) for prefixes of at
// most `max_bits` bits, without decoding.
NlriScan ScanPrefixes(std::span<const uint8_t> field, uint8_t max_bits);

// Appends the field's IPv4 prefixes to `out` (one reserve, no other
// allocation). Host bits are cleared and counted: RFC 4271 says trailing
// bits are irrelevant, and every prefix we store has them zero. On error
// `out` is left as it was.
NlriScan DecodeIpv4Nlri(std::span<const uint8_t> field, std::vector<Ipv4Prefix>& out);

inline size_t Ipv4PrefixWireSize(const Ipv4Prefix& p) { return 1 + (p.len + 7u) / 8u; }
// Writes one prefix at `out`; returns the position after it.
uint8_t* WriteIpv4Prefix(const Ipv4Prefix& p, uint8_t* out);
void AppendIpv4Nlri(std::span<const Ipv4Prefix> prefixes, std::vector<uint8_t>& out);

}  // namespace meshbgp::wire
