// EVPN UPDATEs captured from GoBGP and FRR (tests/unit/golden, made by
// capture.sh, which configures the routes checked below) must split into
// the announced routes and write back to the very same NLRI bytes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "bgpd/wire/hex.h"
#include "bgpd/wire/update.h"
#include "evpn/ext_communities.h"
#include "evpn/nlri_codec.h"
#include "evpn/route_text.h"
#include "tests/unit/golden/golden_file.h"

namespace meshbgp::evpn {
namespace {

struct Captured {
  RouteFields fields;
  std::vector<std::string> ext;  // the EVPN-readable extended communities
  bool pmsi = false;
};

// Every EVPN route the file's UPDATEs announce, by RouteToString.
std::map<std::string, Captured> EvpnRoutesIn(const std::string& name) {
  std::map<std::string, Captured> out;
  for (const golden::Message& m : golden::Load(name)) {
    const std::string& description = m.description;
    if (description.find("mp_reach=25/70") == std::string::npos) continue;
    const auto* msg = &m.bytes;
    EXPECT_TRUE(msg->size() > wire::kHeaderSize) << description;
    if (msg->size() <= wire::kHeaderSize) continue;
    auto update = wire::DecodeUpdate(std::span<const uint8_t>(*msg).subspan(wire::kHeaderSize), {});
    EXPECT_TRUE(update.ok()) << description << ": " << update.error().reason;
    if (!update.ok()) continue;
    EXPECT_FALSE(update->treat_as_withdraw) << description;
    EXPECT_TRUE(update->mp_reach) << description;
    if (!update->mp_reach) continue;
    const std::vector<uint8_t>& field = update->mp_reach->nlri;
    auto routes = DecodeEvpnNlri(field);
    EXPECT_TRUE(routes.ok()) << description << ": " << routes.error().reason;
    if (!routes.ok()) continue;
    EXPECT_FALSE(routes->empty()) << description;
    std::vector<uint8_t> again;
    AppendEvpnNlri(*routes, again);
    EXPECT_EQ(wire::ToHex(again), wire::ToHex(field)) << description;

    Captured c;
    for (uint64_t ext : update->attrs.ext_communities) {
      if (auto text = EvpnExtCommunityToString(ext)) c.ext.push_back(*text);
    }
    for (const auto& raw : update->attrs.other) c.pmsi |= raw.type == 22;
    for (const EvpnRoute& r : *routes) {
      EXPECT_FALSE(r.malformed) << description << ": " << r.reason;
      c.fields = FieldsOf(r);
      out[RouteToString(r)] = c;
    }
  }
  return out;
}

const std::string kZeroEsi = "00:00:00:00:00:00:00:00:00:00";
const std::string kMacIp = "[2]:[10.0.0.1:100]:[0]:[02:00:00:00:00:01]:[10.1.0.5]";
const std::string kMulticast = "[3]:[10.0.0.1:100]:[0]:[10.0.0.1]";
const std::string kGobgpPrefix = "[5]:[10.0.0.1:100]:[0]:[10.9.0.0/24]";
const std::string kFrrPrefix = "[5]:[10.0.0.2:1]:[0]:[10.20.0.0/24]";

// capture.sh: gobgp "macadv 02:00:00:00:00:01 10.1.0.5 etag 0 label 100
// rd 10.0.0.1:100 rt 65001:100 encap vxlan" — a VXLAN label is the VNI.
void ExpectGobgpMacIp(const Captured& c) {
  EXPECT_EQ(c.fields.esi, kZeroEsi);
  EXPECT_EQ(c.fields.mac, "02:00:00:00:00:01");
  EXPECT_EQ(c.fields.ip, "10.1.0.5");
  EXPECT_EQ(c.fields.label, "label 6 vni 100");
  EXPECT_EQ(c.fields.label2, "");
  EXPECT_EQ(c.ext, std::vector<std::string>{"encap:vxlan"});
}

// "multicast 10.0.0.1 etag 0 rd 10.0.0.1:100 ... pmsi ingress-repl".
void ExpectGobgpMulticast(const Captured& c) {
  EXPECT_EQ(c.fields.type_name, "inclusive-multicast");
  EXPECT_EQ(c.fields.ip, "10.0.0.1");
  EXPECT_TRUE(c.pmsi);
}

TEST(EvpnGolden, GobgpAnnouncementsDecodeAsConfigured) {
  auto routes = EvpnRoutesIn("gobgp.txt");
  ASSERT_EQ(routes.size(), 3u);
  ASSERT_TRUE(routes.count(kMacIp) && routes.count(kMulticast) && routes.count(kGobgpPrefix));
  ExpectGobgpMacIp(routes[kMacIp]);
  ExpectGobgpMulticast(routes[kMulticast]);
  // "prefix 10.9.0.0/24 gw 10.0.0.1 etag 0 label 5000 encap vxlan
  // router-mac 02:00:00:00:00:11".
  const Captured& p = routes[kGobgpPrefix];
  EXPECT_EQ(p.fields.gateway, "10.0.0.1");
  EXPECT_EQ(p.fields.label, "label 312 vni 5000");
  EXPECT_EQ(p.fields.esi, kZeroEsi);
  EXPECT_EQ(p.ext, (std::vector<std::string>{"encap:vxlan", "router-mac:02:00:00:00:00:11"}));
}

TEST(EvpnGolden, FrrAnnouncementsDecodeAsConfiguredOrAsFrrAlteredThem) {
  auto routes = EvpnRoutesIn("frr.txt");
  ASSERT_EQ(routes.size(), 4u);
  ASSERT_TRUE(routes.count(kMacIp) && routes.count(kMulticast) && routes.count(kGobgpPrefix) &&
              routes.count(kFrrPrefix));
  ExpectGobgpMacIp(routes[kMacIp]);
  ExpectGobgpMulticast(routes[kMulticast]);
  // FRR relays GoBGP's type 5 with the gateway zeroed (ANCHORS.md,
  // "Behaviour to beat"); the label and router MAC survive.
  const Captured& relayed = routes[kGobgpPrefix];
  EXPECT_EQ(relayed.fields.gateway, "0.0.0.0");
  EXPECT_EQ(relayed.fields.label, "label 312 vni 5000");
  EXPECT_EQ(relayed.ext, (std::vector<std::string>{"encap:vxlan", "router-mac:02:00:00:00:00:11"}));
  // FRR's own "network 10.20.0.0/24 rd 10.0.0.2:1 ethtag 0 label 200 esi 0
  // routermac 02:00:00:00:00:12": an MPLS-encoded label 200.
  const Captured& own = routes[kFrrPrefix];
  EXPECT_EQ(own.fields.label, "label 200 vni 3201");
  EXPECT_EQ(own.fields.esi, kZeroEsi);
  EXPECT_EQ(own.ext, std::vector<std::string>{"router-mac:02:00:00:00:00:12"});
}

}  // namespace
}  // namespace meshbgp::evpn
