#include "evpn/route_key.h"

#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash_testing.h>
#include <gtest/gtest.h>

#include "evpn_test_util.h"

namespace meshbgp::evpn {
namespace {
using namespace test;

TEST(EvpnKey, MacIpKeyIgnoresEsiAndLabels) {
  MacIp a = SampleMacIp();
  MacIp b = a;
  b.esi = SampleEsi();
  b.label1 = MplsLabel(300);
  b.label2 = VniLabel(9000);
  EXPECT_NE(MakeRoute(a).raw, MakeRoute(b).raw);
  EXPECT_EQ(KeyOf(MakeRoute(a)), KeyOf(MakeRoute(b)));
  EXPECT_EQ(absl::Hash<EvpnKey>()(KeyOf(MakeRoute(a))), absl::Hash<EvpnKey>()(KeyOf(MakeRoute(b))));
}

TEST(EvpnKey, MacIpKeyHoldsRdEtagMacAndIp) {
  MacIp base = SampleMacIp();
  MacIp other_ip = base, no_ip = base, other_mac = base, other_rd = base, other_etag = base;
  other_ip.ip = V4(10, 1, 0, 6);
  no_ip.ip = {};
  other_mac.mac.bytes[5] = 2;
  other_rd.rd.bytes[7] = 101;
  other_etag.etag = 1;
  EvpnKey k = KeyOf(MakeRoute(base));
  for (const MacIp& m : {other_ip, no_ip, other_mac, other_rd, other_etag}) {
    EXPECT_FALSE(KeyOf(MakeRoute(m)) == k) << ToString(KeyOf(MakeRoute(m)));
  }
}

TEST(EvpnKey, EthernetAdKeyHoldsEsiButNotLabel) {
  EthernetAd a{SampleRd(), SampleEsi(), 0, MplsLabel(100)};
  EthernetAd other_label = a, other_esi = a;
  other_label.label = MplsLabel(0);
  other_esi.esi.bytes[9] = 0;
  EXPECT_EQ(KeyOf(MakeRoute(a)), KeyOf(MakeRoute(other_label)));
  EXPECT_FALSE(KeyOf(MakeRoute(a)) == KeyOf(MakeRoute(other_esi)));
}

TEST(EvpnKey, IpPrefixKeyIgnoresEsiGatewayAndLabel) {
  IpPrefix a = SampleIpPrefix();
  IpPrefix b = a;
  b.esi = SampleEsi();
  b.gateway = V4(0, 0, 0, 0);
  b.label = MplsLabel(200);
  EXPECT_EQ(KeyOf(MakeRoute(a)), KeyOf(MakeRoute(b)));
  IpPrefix shorter = a;
  shorter.prefix_len = 16;
  EXPECT_FALSE(KeyOf(MakeRoute(a)) == KeyOf(MakeRoute(shorter)));
}

TEST(EvpnKey, MulticastAndSegmentKeysHoldTheOriginatorIp) {
  InclusiveMulticast im{SampleRd(), 0, V4(10, 0, 0, 1)};
  InclusiveMulticast im2 = im;
  im2.originator = V4(10, 0, 0, 2);
  EXPECT_FALSE(KeyOf(MakeRoute(im)) == KeyOf(MakeRoute(im2)));
  EthernetSegment es{SampleRd(), SampleEsi(), V4(10, 0, 0, 1)};
  EthernetSegment es2 = es;
  es2.esi.bytes[0] = 1;
  EXPECT_FALSE(KeyOf(MakeRoute(es)) == KeyOf(MakeRoute(es2)));
  EXPECT_EQ(KeyOf(MakeRoute(es)), KeyOf(MakeRoute(EthernetSegment(es))));
}

TEST(EvpnKey, SameFieldsOfDifferentTypesDiffer) {
  EvpnKey a(3, false, H("0102"));
  EXPECT_FALSE(a == EvpnKey(4, false, H("0102")));
  EXPECT_FALSE(a == EvpnKey(3, true, H("0102")));  // opaque value vs fields
}

TEST(EvpnKey, UnknownTypeKeyIsTheWholeValue) {
  EvpnKey a = KeyOf(MakeRoute(9, H("0102")));
  EXPECT_TRUE(a.opaque());
  EXPECT_EQ(wire::ToHex(a.fields()), "0102");
  EXPECT_FALSE(a == KeyOf(MakeRoute(9, H("0103"))));
  EXPECT_EQ(a, KeyOf(MakeRoute(9, H("0102"))));
}

TEST(EvpnKey, MalformedRouteKeyIsOpaque) {
  EvpnKey k = KeyOf(MakeRoute(2, H("0102")));
  EXPECT_TRUE(k.opaque());
  EXPECT_EQ(k.type(), 2);
}

TEST(EvpnKey, LongOpaqueValuesSpillButCompareAndHashAlike) {
  Bytes v(200, 7);
  EvpnKey a = KeyOf(MakeRoute(9, v));
  EvpnKey b = a;  // copies carry the spilled bytes
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.fields().size(), 200u);
  v.back() = 8;
  EXPECT_FALSE(a == KeyOf(MakeRoute(9, v)));
  EXPECT_TRUE(absl::VerifyTypeImplementsAbslHashCorrectly(
      {a, KeyOf(MakeRoute(9, v)), KeyOf(MakeRoute(SampleMacIp())), KeyOf(MakeRoute(9, H("07")))}));
}

TEST(EvpnKey, KnownKeysStayInline) {
  MacIp m = SampleMacIp();
  m.ip = SampleV6();
  EvpnKey k = KeyOf(MakeRoute(m));
  EXPECT_EQ(k.fields().size(), 8u + 4 + 1 + 6 + 1 + 16);
  EXPECT_LE(k.fields().size(), EvpnKey::kInline);
}

TEST(EvpnKey, WorksAsHashSetKeyReplacingSameRoute) {
  absl::flat_hash_set<EvpnKey> rib;
  MacIp m = SampleMacIp();
  rib.insert(KeyOf(MakeRoute(m)));
  m.label1 = VniLabel(200);  // a re-advertisement with a new label
  EXPECT_FALSE(rib.insert(KeyOf(MakeRoute(m))).second);
  m.ip = V4(10, 1, 0, 7);
  EXPECT_TRUE(rib.insert(KeyOf(MakeRoute(m))).second);
  EXPECT_EQ(rib.size(), 2u);
}

TEST(EvpnKey, TextFormPerType) {
  EXPECT_EQ(ToString(KeyOf(MakeRoute(SampleMacIp()))),
            "[2]:[10.0.0.1:100]:[0]:[02:00:00:00:00:01]:[10.1.0.5]");
  MacIp mac_only = SampleMacIp();
  mac_only.ip = {};
  EXPECT_EQ(ToString(KeyOf(MakeRoute(mac_only))), "[2]:[10.0.0.1:100]:[0]:[02:00:00:00:00:01]");
  EXPECT_EQ(ToString(KeyOf(MakeRoute(EthernetAd{SampleRd(), SampleEsi(), 4, {}}))),
            "[1]:[10.0.0.1:100]:[00:11:22:33:44:55:66:77:88:99]:[4]");
  EXPECT_EQ(ToString(KeyOf(MakeRoute(InclusiveMulticast{SampleRd(), 0, SampleV6()}))),
            "[3]:[10.0.0.1:100]:[0]:[2001:db8::1]");
  EXPECT_EQ(ToString(KeyOf(MakeRoute(EthernetSegment{SampleRd(), SampleEsi(), V4(10, 0, 0, 2)}))),
            "[4]:[10.0.0.1:100]:[00:11:22:33:44:55:66:77:88:99]:[10.0.0.2]");
  EXPECT_EQ(ToString(KeyOf(MakeRoute(SampleIpPrefix()))), "[5]:[10.0.0.1:100]:[0]:[10.9.0.0/24]");
  EXPECT_EQ(ToString(KeyOf(MakeRoute(200, H("abcd")))), "[200]:[abcd]");
}

}  // namespace
}  // namespace meshbgp::evpn

namespace meshbgp::evpn {
namespace {
using namespace test;

TEST(EvpnKey, WithdrawalRouteHasTheSameKey) {
  MacIp mac = SampleMacIp();
  mac.esi = SampleEsi();
  mac.label2 = VniLabel(9000);
  MacIp mac_v6 = SampleMacIp();
  mac_v6.ip = SampleV6();
  IpPrefix v6_prefix = SampleIpPrefix();
  v6_prefix.prefix = SampleV6();
  v6_prefix.prefix_len = 64;
  v6_prefix.gateway = SampleV6();
  const std::vector<EvpnRoute> routes = {
      MakeRoute(EthernetAd{SampleRd(), SampleEsi(), 5, MplsLabel(100)}),
      MakeRoute(mac),
      MakeRoute(mac_v6),
      MakeRoute(InclusiveMulticast{SampleRd(), 0, V4(10, 0, 0, 1)}),
      MakeRoute(EthernetSegment{SampleRd(), SampleEsi(), SampleV6()}),
      MakeRoute(SampleIpPrefix()),
      MakeRoute(v6_prefix),
      MakeRoute(9, H("0102")),
  };
  for (const EvpnRoute& r : routes) {
    const EvpnKey k = KeyOf(r);
    const EvpnRoute w = WithdrawalRoute(k);
    EXPECT_FALSE(w.malformed) << ToString(k) << ": " << w.reason;
    EXPECT_EQ(KeyOf(w), k) << ToString(k);
    EXPECT_TRUE(CheckValue(w.type, w.value()).empty()) << ToString(k);
  }
  // Fields outside the key are zero.
  auto w = AsMacIp(WithdrawalRoute(KeyOf(MakeRoute(mac))));
  ASSERT_TRUE(w);
  EXPECT_EQ(w->esi, Esi{});
  EXPECT_EQ(w->label1, Label{});
  EXPECT_FALSE(w->label2);
}

}  // namespace
}  // namespace meshbgp::evpn
