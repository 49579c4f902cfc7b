// Builders for hand-made BGP messages in the wire tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "bgpd/wire/hex.h"
#include "bgpd/wire/result.h"

namespace meshbgp::wire::test {

using Bytes = std::vector<uint8_t>;

inline Bytes H(std::string_view hex) {
  auto b = FromHex(hex);
  EXPECT_TRUE(b.has_value()) << "bad hex in test: " << hex;
  return b.value_or(Bytes{});
}

inline Bytes Cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A message without its 19-byte header.
inline Bytes Tail(const Bytes& msg) { return Bytes(msg.begin() + 19, msg.end()); }

// One path attribute; the Extended Length form when flags ask for it.
inline Bytes Attr(uint8_t flags, uint8_t type, const Bytes& value) {
  Bytes out{flags, type};
  if (flags & 0x10) out.push_back(static_cast<uint8_t>(value.size() >> 8));
  out.push_back(static_cast<uint8_t>(value.size()));
  out.insert(out.end(), value.begin(), value.end());
  return out;
}

// An UPDATE body from its three fields.
inline Bytes Body(const Bytes& withdrawn, const Bytes& attrs, const Bytes& nlri) {
  Bytes out;
  out.push_back(static_cast<uint8_t>(withdrawn.size() >> 8));
  out.push_back(static_cast<uint8_t>(withdrawn.size()));
  out.insert(out.end(), withdrawn.begin(), withdrawn.end());
  out.push_back(static_cast<uint8_t>(attrs.size() >> 8));
  out.push_back(static_cast<uint8_t>(attrs.size()));
  out.insert(out.end(), attrs.begin(), attrs.end());
  out.insert(out.end(), nlri.begin(), nlri.end());
  return out;
}

inline Bytes OriginIgp() { return Attr(0x40, 1, {0}); }
inline Bytes AsPath4(std::initializer_list<uint32_t> seq) {
  Bytes v{2, static_cast<uint8_t>(seq.size())};
  for (uint32_t a : seq) {
    v.push_back(a >> 24), v.push_back(a >> 16), v.push_back(a >> 8), v.push_back(a);
  }
  return Attr(0x40, 2, v);
}
inline Bytes NextHop(uint32_t ip) {
  return Attr(0x40, 3, {uint8_t(ip >> 24), uint8_t(ip >> 16), uint8_t(ip >> 8), uint8_t(ip)});
}
// ORIGIN IGP, AS_PATH 65001, NEXT_HOP 10.0.0.1: enough for IPv4 NLRI.
inline Bytes Mandatory() { return Cat({OriginIgp(), AsPath4({65001}), NextHop(0x0a000001)}); }

inline void ExpectError(const DecodeError& e, uint8_t code, uint8_t subcode,
                        const Bytes& data = {}) {
  EXPECT_EQ(e.notification.code, code) << e.reason;
  EXPECT_EQ(e.notification.subcode, subcode) << e.reason;
  EXPECT_EQ(ToHex(e.notification.data), ToHex(data)) << e.reason;
}

template <typename T>
void ExpectError(const Result<T>& r, uint8_t code, uint8_t subcode, const Bytes& data = {}) {
  ASSERT_FALSE(r.ok()) << "expected error " << int(code) << "/" << int(subcode);
  ExpectError(r.error(), code, subcode, data);
}

}  // namespace meshbgp::wire::test
