#include "evpn/route_text.h"

#include <gtest/gtest.h>

#include "evpn_test_util.h"

namespace meshbgp::evpn {
namespace {
using namespace test;

TEST(EvpnText, RouteToStringNamesTheRouteByItsKey) {
  MacIp m = SampleMacIp();
  EXPECT_EQ(RouteToString(MakeRoute(m)), "[2]:[10.0.0.1:100]:[0]:[02:00:00:00:00:01]:[10.1.0.5]");
  m.label1 = MplsLabel(1);
  EXPECT_EQ(RouteToString(MakeRoute(m)), "[2]:[10.0.0.1:100]:[0]:[02:00:00:00:00:01]:[10.1.0.5]");
  EXPECT_EQ(RouteToString(MakeRoute(2, H("0011"))), "[2]:[0011]");
}

TEST(EvpnText, FieldsOfMacIpRoute) {
  MacIp m = SampleMacIp();
  m.label2 = MplsLabel(16);
  RouteFields f = FieldsOf(MakeRoute(m));
  EXPECT_EQ(f.type, "2");
  EXPECT_EQ(f.type_name, "mac-ip");
  EXPECT_EQ(f.rd, "10.0.0.1:100");
  EXPECT_EQ(f.esi, "00:00:00:00:00:00:00:00:00:00");
  EXPECT_EQ(f.etag, "0");
  EXPECT_EQ(f.mac, "02:00:00:00:00:01");
  EXPECT_EQ(f.ip, "10.1.0.5");
  EXPECT_EQ(f.label, "label 6 vni 100");
  EXPECT_EQ(f.label2, "label 16 vni 257");
  EXPECT_EQ(f.prefix, "");
  EXPECT_EQ(f.malformed, "");
  EXPECT_EQ(f.raw.substr(0, 4), "0228");
}

TEST(EvpnText, FieldsOfIpPrefixRoute) {
  RouteFields f = FieldsOf(MakeRoute(SampleIpPrefix()));
  EXPECT_EQ(f.type_name, "ip-prefix");
  EXPECT_EQ(f.prefix, "10.9.0.0/24");
  EXPECT_EQ(f.gateway, "10.0.0.1");
  EXPECT_EQ(f.label, "label 312 vni 5000");
  EXPECT_EQ(f.mac, "");
}

TEST(EvpnText, FieldsOfMulticastSegmentAndAdRoutes) {
  RouteFields im = FieldsOf(MakeRoute(InclusiveMulticast{SampleRd(), 5, V4(10, 0, 0, 1)}));
  EXPECT_EQ(im.type_name, "inclusive-multicast");
  EXPECT_EQ(im.etag, "5");
  EXPECT_EQ(im.ip, "10.0.0.1");
  EXPECT_EQ(im.esi, "");
  RouteFields es = FieldsOf(MakeRoute(EthernetSegment{SampleRd(), SampleEsi(), V4(10, 0, 0, 2)}));
  EXPECT_EQ(es.esi, "00:11:22:33:44:55:66:77:88:99");
  EXPECT_EQ(es.ip, "10.0.0.2");
  RouteFields ad = FieldsOf(MakeRoute(EthernetAd{SampleRd(), SampleEsi(), 0, MplsLabel(100)}));
  EXPECT_EQ(ad.type_name, "ethernet-ad");
  EXPECT_EQ(ad.label, "label 100 vni 1601");
}

TEST(EvpnText, FieldsOfMalformedAndUnknownRoutes) {
  RouteFields bad = FieldsOf(MakeRoute(5, H("00")));
  EXPECT_EQ(bad.type, "5");
  EXPECT_FALSE(bad.malformed.empty());
  EXPECT_EQ(bad.rd, "");
  EXPECT_EQ(bad.raw, "050100");
  RouteFields unknown = FieldsOf(MakeRoute(11, H("ff")));
  EXPECT_EQ(unknown.type_name, "unknown");
  EXPECT_EQ(unknown.malformed, "");
  EXPECT_EQ(unknown.raw, "0b01ff");
}

}  // namespace
}  // namespace meshbgp::evpn
