#include "evpn/fields.h"

#include <gtest/gtest.h>

#include "tests/unit/wire/test_util.h"

namespace meshbgp::evpn {
namespace {
using wire::test::H;

Rd RdOf(const char* hex) {
  Rd rd;
  auto b = H(hex);
  std::copy(b.begin(), b.end(), rd.bytes.begin());
  return rd;
}

TEST(EvpnFields, RdType0IsTwoOctetAsnAndFourOctetNumber) {
  EXPECT_EQ(ToString(RdOf("0000fde900010000")), "65001:65536");
}

TEST(EvpnFields, RdType1IsIpv4AndTwoOctetNumber) {
  EXPECT_EQ(ToString(RdOf("00010a0000010064")), "10.0.0.1:100");
}

TEST(EvpnFields, RdType2IsFourOctetAsnAndTwoOctetNumber) {
  EXPECT_EQ(ToString(RdOf("0002fa56ea000007")), "4200000000:7");
}

TEST(EvpnFields, RdOfUnknownTypeShowsTypeAndHex) {
  EXPECT_EQ(ToString(RdOf("0007aabbccddeeff")), "rd-type-7:aabbccddeeff");
}

TEST(EvpnFields, EsiAndMacAreColonSeparatedHex) {
  Esi esi{{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99}};
  EXPECT_EQ(ToString(esi), "00:11:22:33:44:55:66:77:88:99");
  EXPECT_EQ(ToString(Mac{{0x02, 0xab, 0, 0, 0, 0x12}}), "02:ab:00:00:00:12");
}

TEST(EvpnFields, IpAddressesOfEachSize) {
  EXPECT_EQ(ToString(MakeIp(H("0a010005"))), "10.1.0.5");
  EXPECT_EQ(ToString(MakeIp(H("20010db8000000000000000000000001"))), "2001:db8::1");
  EXPECT_EQ(ToString(MakeIp({})), "");
  EXPECT_EQ(MakeIp(H("0a010005")), MakeIp(H("0a010005")));
  EXPECT_FALSE(MakeIp(H("0a010005")) == MakeIp(H("0a010006")));
}

TEST(EvpnFields, LabelShowsBothMplsAndVniReadings) {
  Label mpls = MplsLabel(200);
  EXPECT_EQ(mpls.bytes, (std::array<uint8_t, 3>{0x00, 0x0c, 0x81}));
  EXPECT_EQ(mpls.Mpls(), 200u);
  Label vni = VniLabel(5000);
  EXPECT_EQ(vni.bytes, (std::array<uint8_t, 3>{0x00, 0x13, 0x88}));
  EXPECT_EQ(vni.Vni(), 5000u);
  EXPECT_EQ(ToString(VniLabel(100)), "label 6 vni 100");
  EXPECT_EQ(ToString(mpls), "label 200 vni 3201");
}

}  // namespace
}  // namespace meshbgp::evpn
