#include "bgpd/wire/ipv4_nlri.h"

namespace meshbgp::wire {
namespace {
inline uint32_t Mask(uint8_t len) { return len == 0 ? 0 : ~uint32_t{0} << (32 - len); }
}  // namespace

NlriScan ScanPrefixes(std::span<const uint8_t> field, uint8_t max_bits) {
  NlriScan scan;
  size_t pos = 0;
  while (pos < field.size()) {
    uint8_t len = field[pos];
    if (len > max_bits) {
      scan.status = NlriStatus::kPrefixTooLong;
      return scan;
    }
    size_t octets = (len + 7u) / 8u;
    if (field.size() - pos - 1 < octets) {
      scan.status = NlriStatus::kTruncated;
      return scan;
    }
    if (len % 8 != 0 && (field[pos + octets] & (0xffu >> (len % 8))) != 0) ++scan.host_bits;
    pos += 1 + octets;
    ++scan.count;
  }
  return scan;
}

NlriScan DecodeIpv4Nlri(std::span<const uint8_t> field, std::vector<Ipv4Prefix>& out) {
  NlriScan scan = ScanPrefixes(field, 32);
  if (scan.status != NlriStatus::kOk) return scan;
  out.reserve(out.size() + scan.count);
  size_t pos = 0;
  while (pos < field.size()) {
    uint8_t len = field[pos++];
    uint32_t addr = 0;
    size_t octets = (len + 7u) / 8u;
    for (size_t i = 0; i < octets; ++i) addr |= uint32_t{field[pos + i]} << (24 - 8 * i);
    pos += octets;
    out.push_back(Ipv4Prefix{addr & Mask(len), len});
  }
  return scan;
}

uint8_t* WriteIpv4Prefix(const Ipv4Prefix& p, uint8_t* out) {
  *out++ = p.len;
  size_t octets = (p.len + 7u) / 8u;
  for (size_t i = 0; i < octets; ++i) *out++ = static_cast<uint8_t>(p.addr >> (24 - 8 * i));
  return out;
}

void AppendIpv4Nlri(std::span<const Ipv4Prefix> prefixes, std::vector<uint8_t>& out) {
  size_t n = 0;
  for (const auto& p : prefixes) n += Ipv4PrefixWireSize(p);
  size_t at = out.size();
  out.resize(at + n);
  uint8_t* w = out.data() + at;
  for (const auto& p : prefixes) w = WriteIpv4Prefix(p, w);
}

}  // namespace meshbgp::wire
