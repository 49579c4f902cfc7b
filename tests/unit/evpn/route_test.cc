#include "evpn/route.h"

#include <gtest/gtest.h>

#include "evpn/nlri_codec.h"
#include "evpn_test_util.h"

namespace meshbgp::evpn {
namespace {
using namespace test;

// Encodes, then decodes the bytes afresh: the route must come back whole.
EvpnRoute Reparsed(const EvpnRoute& built) {
  auto routes = DecodeEvpnNlri(built.raw);
  EXPECT_TRUE(routes.ok());
  EXPECT_EQ(routes->size(), 1u);
  EXPECT_EQ(routes->at(0).raw, built.raw);
  return routes->at(0);
}

TEST(EvpnRoute, EthernetAdRoundTrip) {
  EthernetAd ad{SampleRd(), SampleEsi(), 7, MplsLabel(100)};
  EvpnRoute r = Reparsed(MakeRoute(ad));
  EXPECT_EQ(r.type, 1);
  EXPECT_EQ(r.raw.size(), 2u + 25);
  EXPECT_FALSE(r.malformed);
  EXPECT_EQ(AsEthernetAd(r), ad);
  EXPECT_FALSE(AsMacIp(r));
}

TEST(EvpnRoute, MacIpRoundTripWithIpv4) {
  MacIp m = SampleMacIp();
  EvpnRoute r = Reparsed(MakeRoute(m));
  EXPECT_EQ(r.type, 2);
  EXPECT_EQ(r.raw.size(), 2u + 37);
  EXPECT_EQ(AsMacIp(r), m);
}

TEST(EvpnRoute, MacIpRoundTripMacOnlyAndIpv6WithTwoLabels) {
  MacIp mac_only = SampleMacIp();
  mac_only.ip = {};
  EvpnRoute r1 = Reparsed(MakeRoute(mac_only));
  EXPECT_EQ(r1.raw.size(), 2u + 33);
  EXPECT_EQ(AsMacIp(r1), mac_only);

  MacIp v6 = SampleMacIp();
  v6.ip = SampleV6();
  v6.label2 = VniLabel(9000);
  EvpnRoute r2 = Reparsed(MakeRoute(v6));
  EXPECT_EQ(r2.raw.size(), 2u + 52);
  EXPECT_EQ(AsMacIp(r2), v6);
}

TEST(EvpnRoute, InclusiveMulticastRoundTripBothFamilies) {
  InclusiveMulticast im{SampleRd(), 0, V4(10, 0, 0, 1)};
  EvpnRoute r = Reparsed(MakeRoute(im));
  EXPECT_EQ(r.raw.size(), 2u + 17);
  EXPECT_EQ(AsInclusiveMulticast(r), im);
  im.originator = SampleV6();
  EvpnRoute r6 = Reparsed(MakeRoute(im));
  EXPECT_EQ(r6.raw.size(), 2u + 29);
  EXPECT_EQ(AsInclusiveMulticast(r6), im);
}

TEST(EvpnRoute, EthernetSegmentRoundTrip) {
  EthernetSegment es{SampleRd(), SampleEsi(), V4(10, 0, 0, 2)};
  EvpnRoute r = Reparsed(MakeRoute(es));
  EXPECT_EQ(r.raw.size(), 2u + 23);
  EXPECT_EQ(AsEthernetSegment(r), es);
}

TEST(EvpnRoute, IpPrefixRoundTripIpv4Is34Octets) {
  IpPrefix p = SampleIpPrefix();
  EvpnRoute r = Reparsed(MakeRoute(p));
  EXPECT_EQ(r.raw.size(), 2u + 34);
  EXPECT_EQ(AsIpPrefix(r), p);
}

TEST(EvpnRoute, IpPrefixRoundTripIpv6Is58Octets) {
  IpPrefix p = SampleIpPrefix();
  p.prefix_len = 64;
  p.prefix = MakeIp(H("20010db8000100000000000000000000"));
  p.gateway = SampleV6();
  EvpnRoute r = Reparsed(MakeRoute(p));
  EXPECT_EQ(r.raw.size(), 2u + 58);
  EXPECT_EQ(AsIpPrefix(r), p);
}

TEST(EvpnRoute, UnknownTypeIsOpaqueAndNotMalformed) {
  EvpnRoute r = Reparsed(MakeRoute(42, H("0102030405")));
  EXPECT_EQ(r.type, 42);
  EXPECT_FALSE(r.malformed);
  EXPECT_EQ(wire::ToHex(r.raw), "2a050102030405");
  EXPECT_FALSE(IsKnownType(42));
  EXPECT_STREQ(TypeName(42), "unknown");
}

// Every known type with a value that breaks its format: the framing is
// fine, so the route is returned, marked malformed with a reason.
struct BadValue {
  const char* name;
  uint8_t type;
  const char* hex;
};

class MalformedValue : public ::testing::TestWithParam<BadValue> {};

TEST_P(MalformedValue, IsFlaggedWithReason) {
  const BadValue& p = GetParam();
  Bytes value = H(p.hex);
  EXPECT_FALSE(CheckValue(p.type, value).empty());
  EvpnRoute r = MakeRoute(p.type, value);
  auto routes = DecodeEvpnNlri(r.raw);
  ASSERT_TRUE(routes.ok());
  ASSERT_EQ(routes->size(), 1u);
  EXPECT_TRUE(routes->at(0).malformed) << p.name;
  EXPECT_FALSE(routes->at(0).reason.empty());
  EXPECT_FALSE(AsEthernetAd(routes->at(0)) || AsMacIp(routes->at(0)) ||
               AsInclusiveMulticast(routes->at(0)) || AsEthernetSegment(routes->at(0)) ||
               AsIpPrefix(routes->at(0)));
}

#define RD_ESI "00010a0000010064" "00112233445566778899"
INSTANTIATE_TEST_SUITE_P(
    EvpnRoute, MalformedValue,
    ::testing::Values(
        BadValue{"type1 short", 1, RD_ESI "00000000" "0000"},
        BadValue{"type1 long", 1, RD_ESI "00000000" "00006401"},
        BadValue{"type2 mac len 47", 2, RD_ESI "00000000" "2f" "020000000001" "00" "000064"},
        BadValue{"type2 ip len 24", 2, RD_ESI "00000000" "30" "020000000001" "18" "0a0100" "000064"},
        BadValue{"type2 ip overruns", 2, RD_ESI "00000000" "30" "020000000001" "80" "0a010005"},
        BadValue{"type2 no label", 2, RD_ESI "00000000" "30" "020000000001" "20" "0a010005"},
        BadValue{"type2 label2 cut", 2, RD_ESI "00000000" "30" "020000000001" "00" "000064" "0001"},
        BadValue{"type2 trailing", 2,
                 RD_ESI "00000000" "30" "020000000001" "00" "000064" "000065" "00"},
        BadValue{"type3 ip len 0", 3, "00010a0000010064" "00000000" "00"},
        BadValue{"type3 trailing", 3, "00010a0000010064" "00000000" "20" "0a000001" "00"},
        BadValue{"type4 ip len 33", 4, RD_ESI "21" "0a00000200"},
        BadValue{"type4 truncated", 4, RD_ESI},
        BadValue{"type5 length 35", 5,
                 RD_ESI "00000000" "18" "0a090000" "0a000001" "001388" "00"},
        BadValue{"type5 v4 prefix len 33", 5, RD_ESI "00000000" "21" "0a090000" "0a000001" "001388"},
        BadValue{"type5 v6 prefix len 129", 5,
                 RD_ESI "00000000" "81" "20010db8000000000000000000000000"
                        "20010db8000000000000000000000001" "001388"},
        BadValue{"type1 empty", 1, ""}),
    [](const auto& info) { return "case" + std::to_string(info.index); });

TEST(EvpnRoute, SizesAllowedByTheFormatAreAccepted) {
  EXPECT_TRUE(CheckValue(5, H(RD_ESI "00000000" "20" "0a090001" "00000000" "000000")).empty());
  EXPECT_TRUE(CheckValue(2, H(RD_ESI "00000000" "30" "020000000001" "00" "000064")).empty());
}

}  // namespace
}  // namespace meshbgp::evpn
