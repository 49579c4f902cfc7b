// Sample EVPN routes for the evpn tests, built from their fields.
#pragma once

#include "evpn/route.h"
#include "tests/unit/wire/test_util.h"

namespace meshbgp::evpn::test {

using wire::test::Bytes;
using wire::test::H;

// RD type 1 10.0.0.1:100.
inline Rd SampleRd() { return Rd{{0, 1, 10, 0, 0, 1, 0, 100}}; }
inline Esi SampleEsi() { return Esi{{0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99}}; }
inline IpAddr V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return MakeIp(std::vector<uint8_t>{a, b, c, d});
}
inline IpAddr SampleV6() { return MakeIp(H("20010db8000000000000000000000001")); }

inline MacIp SampleMacIp() {
  MacIp m;
  m.rd = SampleRd();
  m.etag = 0;
  m.mac = Mac{{2, 0, 0, 0, 0, 1}};
  m.ip = V4(10, 1, 0, 5);
  m.label1 = VniLabel(100);
  return m;
}

inline IpPrefix SampleIpPrefix() {
  IpPrefix p;
  p.rd = SampleRd();
  p.prefix_len = 24;
  p.prefix = V4(10, 9, 0, 0);
  p.gateway = V4(10, 0, 0, 1);
  p.label = VniLabel(5000);
  return p;
}

}  // namespace meshbgp::evpn::test
