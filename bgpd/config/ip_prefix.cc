#include "bgpd/config/ip_prefix.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include <absl/status/status.h>
#include <absl/strings/str_cat.h>

#include "bgpd/config/source_map.h"

namespace meshbgp::config {
namespace {

// True if the first `len` bits of a and b are equal.
bool SamePrefixBits(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b,
                    unsigned len) {
  const unsigned whole = len / 8;
  if (std::memcmp(a.data(), b.data(), whole) != 0) return false;
  const unsigned rest = len % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (a[whole] & mask) == (b[whole] & mask);
}

std::array<uint8_t, 16> Masked(const std::array<uint8_t, 16>& a, unsigned len) {
  std::array<uint8_t, 16> out{};
  const unsigned whole = len / 8;
  std::memcpy(out.data(), a.data(), whole);
  if (len % 8 != 0) out[whole] = a[whole] & static_cast<uint8_t>(0xff << (8 - len % 8));
  return out;
}

bool IsV4Mapped(const std::array<uint8_t, 16>& a) {
  static constexpr uint8_t kPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return std::memcmp(a.data(), kPrefix, sizeof kPrefix) == 0;
}

}  // namespace

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  if (text.empty() || text.size() > INET6_ADDRSTRLEN) return std::nullopt;
  const std::string s(text);
  IpAddress a;
  if (inet_pton(AF_INET, s.c_str(), a.bytes.data()) == 1) return a;
  a.v6 = true;
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) return a;
  return std::nullopt;
}

std::string IpAddressToString(const IpAddress& a) {
  char buf[INET6_ADDRSTRLEN] = {};
  inet_ntop(a.v6 ? AF_INET6 : AF_INET, a.bytes.data(), buf, sizeof buf);
  return buf;
}

std::optional<uint32_t> ParseIpv4Address(std::string_view text) {
  auto a = ParseIpAddress(text);
  if (!a || a->v6) return std::nullopt;
  return (uint32_t{a->bytes[0]} << 24) | (uint32_t{a->bytes[1]} << 16) |
         (uint32_t{a->bytes[2]} << 8) | uint32_t{a->bytes[3]};
}

std::string Ipv4AddressToString(uint32_t host_order) {
  IpAddress a;
  a.bytes[0] = static_cast<uint8_t>(host_order >> 24);
  a.bytes[1] = static_cast<uint8_t>(host_order >> 16);
  a.bytes[2] = static_cast<uint8_t>(host_order >> 8);
  a.bytes[3] = static_cast<uint8_t>(host_order);
  return IpAddressToString(a);
}

absl::StatusOr<IpPrefix> ParseIpPrefix(std::string_view text) {
  const size_t slash = text.find('/');
  auto addr = ParseIpAddress(text.substr(0, slash));
  const unsigned max_len = addr && addr->v6 ? 128 : 32;
  unsigned len = max_len;
  bool len_ok = true;
  if (slash != std::string_view::npos) {
    const std::string_view l = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(l.data(), l.data() + l.size(), len);
    len_ok = !l.empty() && l.size() <= 3 && ec == std::errc() && end == l.data() + l.size() &&
             len <= max_len;
  }
  if (!addr || !len_ok) {
    return absl::InvalidArgumentError(
        Expected("an IPv4 or IPv6 prefix (10.0.0.0/8, fc00::/7)", text));
  }
  IpPrefix p;
  p.v6 = addr->v6;
  p.len = static_cast<uint8_t>(len);
  p.addr = Masked(addr->bytes, len);
  if (p.addr != addr->bytes) {
    return absl::InvalidArgumentError(
        Expected(absl::StrCat("a prefix without host bits (", p.ToString(), ")"), text));
  }
  return p;
}

bool IpPrefix::Contains(const std::array<uint8_t, 16>& a, bool a_v6) const {
  if (v6 == a_v6) return SamePrefixBits(addr, a, len);
  // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d.
  if (!v6 && a_v6 && IsV4Mapped(a)) {
    std::array<uint8_t, 16> v4{};
    std::memcpy(v4.data(), a.data() + 12, 4);
    return SamePrefixBits(addr, v4, len);
  }
  return false;
}

std::string IpPrefix::ToString() const {
  IpAddress a{v6, addr};
  return absl::StrCat(IpAddressToString(a), "/", len);
}

bool PrefixesOverlap(const IpPrefix& a, const IpPrefix& b) {
  if (a.v6 != b.v6) return false;
  return SamePrefixBits(a.addr, b.addr, std::min(a.len, b.len));
}

}  // namespace meshbgp::config
