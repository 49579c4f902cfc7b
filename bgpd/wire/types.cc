// Helpers declared in types.h: family mapping, IPv4 text forms, AS_PATH.
#include "bgpd/wire/types.h"

#include <charconv>
#include <string_view>

namespace meshbgp::wire {

std::optional<Family> FamilyOf(AfiSafi as) {
  if (as.afi == kAfiIpv4 && as.safi == kSafiUnicast) return Family::kIpv4Unicast;
  if (as.afi == kAfiL2vpn && as.safi == kSafiEvpn) return Family::kEvpn;
  return std::nullopt;
}

AfiSafi AfiSafiOf(Family f) {
  switch (f) {
    case Family::kIpv4Unicast:
      return {kAfiIpv4, kSafiUnicast};
    case Family::kEvpn:
      return {kAfiL2vpn, kSafiEvpn};
  }
  return {};
}

const char* FamilyName(Family f) {
  switch (f) {
    case Family::kIpv4Unicast:
      return "ipv4";
    case Family::kEvpn:
      return "evpn";
  }
  return "?";
}

std::string Ipv4ToString(uint32_t a) {
  char buf[16];
  char* p = buf;
  for (int shift = 24; shift >= 0; shift -= 8) {
    p = std::to_chars(p, buf + sizeof buf, (a >> shift) & 0xff).ptr;
    if (shift) *p++ = '.';
  }
  return std::string(buf, p);
}

std::string ToString(const Ipv4Prefix& pfx) {
  std::string s = Ipv4ToString(pfx.addr);
  s.push_back('/');
  s += std::to_string(pfx.len);
  return s;
}

std::optional<uint32_t> ParseIpv4(std::string_view text) {
  uint32_t addr = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {
      if (p == end || *p != '.') return std::nullopt;
      ++p;
    }
    // from_chars accepts no sign, but does accept up to any number of digits.
    const char* start = p;
    unsigned octet = 0;
    auto [next, ec] = std::from_chars(p, end, octet);
    if (ec != std::errc() || next - start > 3 || octet > 255) return std::nullopt;
    p = next;
    addr = addr << 8 | octet;
  }
  if (p != end) return std::nullopt;
  return addr;
}

std::optional<Ipv4Prefix> ParseIpv4Prefix(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto addr = ParseIpv4(text.substr(0, slash));
  if (!addr) return std::nullopt;
  std::string_view len_text = text.substr(slash + 1);
  unsigned len = 0;
  auto [next, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), len);
  if (ec != std::errc() || next != len_text.data() + len_text.size() || len_text.empty() ||
      len_text.size() > 2 || len > 32) {
    return std::nullopt;
  }
  uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
  // Host bits set usually means a typo in configuration: refuse rather than guess.
  if (*addr & ~mask) return std::nullopt;
  return Ipv4Prefix{*addr, static_cast<uint8_t>(len)};
}

size_t AsPath::DecisionLength() const {
  size_t n = 0;
  for (const AsSegment& s : segments) {
    if (s.type == AsSegmentType::kAsSequence) n += s.asns.size();
    else if (s.type == AsSegmentType::kAsSet) n += 1;
  }
  return n;
}

uint32_t AsPath::FirstAs() const {
  for (const AsSegment& s : segments) {
    if (s.type == AsSegmentType::kConfedSequence || s.type == AsSegmentType::kConfedSet) continue;
    if (s.type == AsSegmentType::kAsSequence && !s.asns.empty()) return s.asns.front();
    return 0;
  }
  return 0;
}

bool AsPath::Contains(uint32_t asn) const {
  for (const AsSegment& s : segments)
    for (uint32_t a : s.asns)
      if (a == asn) return true;
  return false;
}

AsPath AsPath::Prepended(uint32_t asn) const {
  AsPath p;
  p.segments.reserve(segments.size() + 1);
  if (!segments.empty() && segments.front().type == AsSegmentType::kAsSequence) {
    p.segments = segments;
    auto& first = p.segments.front().asns;
    first.insert(first.begin(), asn);
  } else {
    p.segments.push_back(AsSegment{AsSegmentType::kAsSequence, {asn}});
    p.segments.insert(p.segments.end(), segments.begin(), segments.end());
  }
  return p;
}

std::string AsPath::ToString() const {
  std::string s;
  for (const AsSegment& seg : segments) {
    if (!s.empty()) s.push_back(' ');
    const char* open = "";
    const char* close = "";
    char sep = ' ';
    switch (seg.type) {
      case AsSegmentType::kAsSequence:
        break;
      case AsSegmentType::kAsSet:
        open = "{", close = "}", sep = ',';
        break;
      case AsSegmentType::kConfedSequence:
        open = "(", close = ")";
        break;
      case AsSegmentType::kConfedSet:
        open = "[", close = "]", sep = ',';
        break;
    }
    s += open;
    for (size_t i = 0; i < seg.asns.size(); ++i) {
      if (i) s.push_back(sep);
      s += std::to_string(seg.asns[i]);
    }
    s += close;
  }
  return s;
}

}  // namespace meshbgp::wire
