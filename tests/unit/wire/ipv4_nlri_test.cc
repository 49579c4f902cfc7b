#include <gtest/gtest.h>

#include "bgpd/wire/ipv4_nlri.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using test::H;

TEST(Ipv4Nlri, DecodesEveryLength) {
  std::vector<Ipv4Prefix> out;
  auto scan = DecodeIpv4Nlri(H("00 08 0a 11 0a0180 20 c0000201"), out);
  EXPECT_EQ(scan.status, NlriStatus::kOk);
  EXPECT_EQ(scan.count, 4u);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0], (Ipv4Prefix{0, 0}));
  EXPECT_EQ(out[1], (Ipv4Prefix{0x0a000000, 8}));
  EXPECT_EQ(out[2], (Ipv4Prefix{0x0a018000, 17}));
  EXPECT_EQ(out[3], (Ipv4Prefix{0xc0000201, 32}));
}

TEST(Ipv4Nlri, HostBitsClearedAndCounted) {
  std::vector<Ipv4Prefix> out;
  auto scan = DecodeIpv4Nlri(H("17 0a0001 07 ff"), out);  // 10.0.1.0/23, 255.0.0.0/7
  EXPECT_EQ(scan.status, NlriStatus::kOk);
  EXPECT_EQ(scan.host_bits, 2u);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], (Ipv4Prefix{0x0a000000, 23}));
  EXPECT_EQ(out[1], (Ipv4Prefix{0xfe000000, 7}));
}

TEST(Ipv4Nlri, PrefixTooLong) {
  std::vector<Ipv4Prefix> out;
  EXPECT_EQ(DecodeIpv4Nlri(H("08 0a 21 0a000000 00"), out).status, NlriStatus::kPrefixTooLong);
  EXPECT_TRUE(out.empty());
}

TEST(Ipv4Nlri, Truncated) {
  std::vector<Ipv4Prefix> out;
  EXPECT_EQ(DecodeIpv4Nlri(H("18 0a00"), out).status, NlriStatus::kTruncated);
  EXPECT_TRUE(out.empty());
}

TEST(Ipv4Nlri, ScanForIpv6Lengths) {
  EXPECT_EQ(ScanPrefixes(H("40 20010db800000000"), 128).status, NlriStatus::kOk);
  EXPECT_EQ(ScanPrefixes(H("81 00"), 128).status, NlriStatus::kPrefixTooLong);
}

TEST(Ipv4Nlri, EncodeRoundTrip) {
  std::vector<Ipv4Prefix> in = {{0, 0}, {0x0a000000, 8}, {0x0a018000, 17}, {0xc0000201, 32}};
  std::vector<uint8_t> bytes;
  AppendIpv4Nlri(in, bytes);
  EXPECT_EQ(ToHex(bytes), "00080a110a018020c0000201");
  std::vector<Ipv4Prefix> out;
  DecodeIpv4Nlri(bytes, out);
  EXPECT_EQ(out, in);
  EXPECT_EQ(Ipv4PrefixWireSize({0, 0}), 1u);
  EXPECT_EQ(Ipv4PrefixWireSize({0, 25}), 5u);
}

}  // namespace
}  // namespace meshbgp::wire
