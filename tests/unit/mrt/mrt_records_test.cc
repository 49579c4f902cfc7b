// Byte layouts of the MRT records against RFC 6396 §2, §4.3 and §4.4,
// field by field.
#include "bgpd/mrt/mrt_records.h"

#include <gtest/gtest.h>

#include "bgpd/wire/bytes.h"

namespace meshbgp::mrt {
namespace {

using Bytes = std::vector<uint8_t>;

Address16 V4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  return {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d};
}

TEST(MrtRecords, HeaderCarriesTimestampTypeSubtypeAndLength) {
  Bytes out;
  AppendHeader(out, 0x01020304, 13, 2, 0x0a0b0c0d);
  EXPECT_EQ(out, (Bytes{1, 2, 3, 4, 0, 13, 0, 2, 0x0a, 0x0b, 0x0c, 0x0d}));
}

TEST(MrtRecords, PeerIndexTableListsPeersWithFourOctetAs) {
  Bytes out;
  Address16 v6{};
  v6[0] = 0xfc;
  v6[15] = 1;
  const PeerEntry peers[] = {{0x0a000002, V4(10, 0, 0, 2), 4200000000u}, {0x0a000003, v6, 65003}};
  AppendPeerIndexTable(out, 100, 0x0a000001, "rs", peers);
  const Bytes want_body = {
      10, 0, 0, 1,  // collector BGP ID
      0, 2, 'r', 's',  // view name
      0, 2,          // peer count
      2, 10, 0, 0, 2, 10, 0, 0, 2, 0xfa, 0x56, 0xea, 0x00,  // IPv4, AS4
      3, 10, 0, 0, 3, 0xfc, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0xfd, 0xeb};
  ASSERT_EQ(out.size(), kHeaderSize + want_body.size());
  EXPECT_EQ(wire::GetU16(out.data() + 4), kTypeTableDumpV2);
  EXPECT_EQ(wire::GetU16(out.data() + 6), table_dump_v2::kPeerIndexTable);
  EXPECT_EQ(wire::GetU32(out.data() + 8), want_body.size());
  EXPECT_EQ(Bytes(out.begin() + kHeaderSize, out.end()), want_body);
}

TEST(MrtRecords, RibIpv4UnicastHasPrefixAndEntries) {
  wire::PathAttrs attrs;
  attrs.origin = wire::Origin::kIgp;
  attrs.as_path = wire::AsPath{{{wire::AsSegmentType::kAsSequence, {4200000000u}}}};
  attrs.next_hop = 0x0a000002;
  Bytes encoded;
  EncodeRibAttrs(attrs, /*mp_family=*/false, encoded);
  // ORIGIN, AS_PATH with one 4-octet ASN, NEXT_HOP.
  EXPECT_EQ(encoded, (Bytes{0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0xfa, 0x56, 0xea, 0x00, 0x40, 3, 4, 10,
                            0, 0, 2}));

  Bytes out;
  const RibEntry entries[] = {{7, 1000, encoded}};
  AppendRibIpv4Unicast(out, 5, 42, wire::Ipv4Prefix{0x0a010200, 23}, entries);
  Bytes want = {0, 0, 0, 42, 23, 10, 1, 2, 0, 1, 0, 7, 0, 0, 0x03, 0xe8, 0, 20};
  want.insert(want.end(), encoded.begin(), encoded.end());
  EXPECT_EQ(wire::GetU16(out.data() + 6), table_dump_v2::kRibIpv4Unicast);
  EXPECT_EQ(wire::GetU32(out.data() + 8), want.size());
  EXPECT_EQ(Bytes(out.begin() + kHeaderSize, out.end()), want);
}

TEST(MrtRecords, ZeroLengthPrefixHasNoPrefixOctets) {
  Bytes out;
  AppendRibIpv4Unicast(out, 5, 1, wire::Ipv4Prefix{0, 0}, {});
  EXPECT_EQ(Bytes(out.begin() + kHeaderSize, out.end()), (Bytes{0, 0, 0, 1, 0, 0, 0}));
}

TEST(MrtRecords, RibGenericCarriesEvpnNlriAndNextHopOnlyMpReach) {
  wire::PathAttrs attrs;
  attrs.origin = wire::Origin::kIgp;
  attrs.mp_next_hop = {10, 0, 0, 11};
  Bytes encoded;
  EncodeRibAttrs(attrs, /*mp_family=*/true, encoded);
  // MP_REACH_NLRI: optional, type 14, length 5 = next hop length + next hop.
  ASSERT_GE(encoded.size(), 8u);
  EXPECT_EQ(Bytes(encoded.begin(), encoded.begin() + 8), (Bytes{0x80, 14, 5, 4, 10, 0, 0, 11}));

  const Bytes nlri = {3, 17, 0, 1, 10, 0, 0, 11, 0, 100, 0, 0, 0, 0, 32, 10, 0, 0, 11};  // type 3
  Bytes out;
  const RibEntry entries[] = {{0, 9, encoded}};
  AppendRibGeneric(out, 5, 3, wire::AfiSafi{25, 70}, nlri, entries);
  Bytes want = {0, 0, 0, 3, 0, 25, 70};
  want.insert(want.end(), nlri.begin(), nlri.end());
  const Bytes tail = {0, 1, 0, 0, 0, 0, 0, 9, 0, static_cast<uint8_t>(encoded.size())};
  want.insert(want.end(), tail.begin(), tail.end());
  want.insert(want.end(), encoded.begin(), encoded.end());
  EXPECT_EQ(wire::GetU16(out.data() + 6), table_dump_v2::kRibGeneric);
  EXPECT_EQ(Bytes(out.begin() + kHeaderSize, out.end()), want);
}

TEST(MrtRecords, Bgp4mpMessageAs4WrapsTheMessage) {
  Bgp4mpPeers peers;
  peers.peer_as = 65001;
  peers.local_as = 4200000000u;
  peers.peer_address = V4(10, 0, 0, 2);
  peers.local_address = V4(10, 0, 0, 1);
  const Bytes keepalive = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                           0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 19, 4};
  Bytes out;
  AppendBgp4mpMessage(out, 77, peers, keepalive);
  Bytes want = {0, 0, 0xfd, 0xe9, 0xfa, 0x56, 0xea, 0x00, 0, 0, 0, 1, 10, 0, 0, 2, 10, 0, 0, 1};
  want.insert(want.end(), keepalive.begin(), keepalive.end());
  EXPECT_EQ(wire::GetU32(out.data()), 77u);
  EXPECT_EQ(wire::GetU16(out.data() + 4), kTypeBgp4mp);
  EXPECT_EQ(wire::GetU16(out.data() + 6), bgp4mp::kMessageAs4);
  EXPECT_EQ(Bytes(out.begin() + kHeaderSize, out.end()), want);
}

TEST(MrtRecords, Bgp4mpMessageWithoutAs4HasTwoOctetAsFields) {
  Bgp4mpPeers peers;
  peers.peer_as = 65001;
  peers.local_as = 4200000000u;  // AS_TRANS in 2 octets
  peers.peer_address = V4(10, 0, 0, 2);
  peers.local_address = V4(10, 0, 0, 1);
  peers.as4 = false;
  const Bytes message = {1, 2, 3};
  Bytes out;
  AppendBgp4mpMessage(out, 77, peers, message);
  EXPECT_EQ(wire::GetU16(out.data() + 6), bgp4mp::kMessage);
  const Bytes want = {0xfd, 0xe9, 0x5b, 0xa0, 0, 0, 0, 1, 10, 0, 0, 2, 10, 0, 0, 1, 1, 2, 3};
  EXPECT_EQ(Bytes(out.begin() + kHeaderSize, out.end()), want);
}

TEST(MrtRecords, Bgp4mpStateChangeAs4CarriesBothStates) {
  Bgp4mpPeers peers;
  peers.peer_as = 65001;
  peers.local_as = 65000;
  peers.peer_address = V4(10, 0, 0, 2);
  peers.local_address = V4(10, 0, 0, 1);
  Bytes out;
  AppendBgp4mpStateChange(out, 78, peers, static_cast<uint16_t>(bgp4mp::FsmState::kOpenConfirm),
                          static_cast<uint16_t>(bgp4mp::FsmState::kEstablished));
  const Bytes want = {0, 0, 0xfd, 0xe9, 0, 0, 0xfd, 0xe8, 0, 0, 0, 1, 10, 0, 0, 2, 10, 0, 0, 1, 0, 5, 0, 6};
  ASSERT_EQ(out.size(), kHeaderSize + want.size());
  EXPECT_EQ(wire::GetU16(out.data() + 6), bgp4mp::kStateChangeAs4);
  EXPECT_EQ(wire::GetU32(out.data() + 8), want.size());
  EXPECT_EQ(Bytes(out.begin() + kHeaderSize, out.end()), want);
}

TEST(MrtRecords, Bgp4mpOverIpv6UsesAfi2AndSixteenOctetAddresses) {
  Bgp4mpPeers peers;
  peers.peer_address[15] = 2;
  peers.peer_address[0] = 0x20;
  peers.local_address[15] = 1;
  peers.local_address[0] = 0x20;
  Bytes out;
  AppendBgp4mpStateChange(out, 1, peers, 1, 2);
  EXPECT_EQ(wire::GetU32(out.data() + 8), 4u + 4 + 2 + 2 + 16 + 16 + 4);
  EXPECT_EQ(wire::GetU16(out.data() + kHeaderSize + 10), 2u);  // AFI IPv6
}

}  // namespace
}  // namespace meshbgp::mrt
