// The fixed-size fields EVPN NLRI are made of (RFC 7432 §7, RFC 4364 §4.2):
// Route Distinguisher, Ethernet Segment Identifier, MAC, IP address and
// 3-octet label, with their text forms. Values keep the received bytes.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace meshbgp::evpn {

struct Rd {
  std::array<uint8_t, 8> bytes{};
  friend bool operator==(const Rd&, const Rd&) = default;
};
// RFC 4364 §4.2: type 0 "ASN:N", type 1 "IP:N", type 2 "ASN4:N"; any other
// type "rd-type-T:<hex of the 6 value octets>".
std::string ToString(const Rd& rd);

struct Esi {
  std::array<uint8_t, 10> bytes{};
  friend bool operator==(const Esi&, const Esi&) = default;
};
std::string ToString(const Esi& esi);  // "00:11:22:33:44:55:66:77:88:99"

struct Mac {
  std::array<uint8_t, 6> bytes{};
  friend bool operator==(const Mac&, const Mac&) = default;
};
std::string ToString(const Mac& mac);  // "02:00:00:00:00:01"

// An address carried with an explicit length: 0 (absent), 4 or 16 octets.
struct IpAddr {
  uint8_t size = 0;  // octets
  std::array<uint8_t, 16> bytes{};
  std::span<const uint8_t> view() const { return {bytes.data(), size}; }
  friend bool operator==(const IpAddr& a, const IpAddr& b) {
    return a.size == b.size && std::equal(a.bytes.begin(), a.bytes.begin() + a.size, b.bytes.begin());
  }
};
IpAddr MakeIp(std::span<const uint8_t> bytes);  // size must be 0, 4 or 16
// "10.0.0.1", "2001:db8::1", "" when absent.
std::string ToString(const IpAddr& ip);

// A 3-octet label field as received. Relayed as bytes: whether it is an MPLS
// label (high 20 bits) or a VXLAN VNI (all 24 bits, RFC 8365 §5.1.3) depends
// on the encapsulation, which a route server does not need to know.
struct Label {
  std::array<uint8_t, 3> bytes{};
  uint32_t Raw() const { return uint32_t{bytes[0]} << 16 | uint32_t{bytes[1]} << 8 | bytes[2]; }
  uint32_t Mpls() const { return Raw() >> 4; }  // 20-bit label
  uint32_t Vni() const { return Raw(); }        // 24-bit VNI
  friend bool operator==(const Label&, const Label&) = default;
};
Label MplsLabel(uint32_t label, bool bottom_of_stack = true);
Label VniLabel(uint32_t vni);
std::string ToString(const Label& l);  // "label 6 vni 100": both readings

}  // namespace meshbgp::evpn
