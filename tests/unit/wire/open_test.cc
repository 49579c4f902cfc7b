#include <gtest/gtest.h>

#include "bgpd/wire/header.h"
#include "bgpd/wire/open.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using test::Bytes;
using test::Cat;
using test::ExpectError;
using test::H;

// An OPEN body: version 4, AS 65001, hold 90, id 10.0.0.1, then `params`
// (which starts with the Opt Parm Len octet).
Bytes OpenBody(const Bytes& params, uint8_t version = 4, uint16_t as = 65001,
               uint16_t hold = 90, uint32_t id = 0x0a000001) {
  Bytes b{version, uint8_t(as >> 8), uint8_t(as), uint8_t(hold >> 8), uint8_t(hold),
          uint8_t(id >> 24), uint8_t(id >> 16), uint8_t(id >> 8), uint8_t(id)};
  b.insert(b.end(), params.begin(), params.end());
  return b;
}
std::span<const uint8_t> BodyOf(const Bytes& msg) { return std::span(msg).subspan(19); }

TEST(Open, CanonicalRoundTrip) {
  Open o;
  o.my_as = MyAsField(4200000001);
  o.hold_time = 180;
  o.bgp_id = 0xc0000201;
  o.caps.multiprotocol = {{1, 1}, {25, 70}};
  o.caps.four_octet_as = 4200000001;
  o.caps.route_refresh = true;
  o.caps.enhanced_route_refresh = true;
  o.caps.extended_message = true;
  o.caps.graceful_restart = GracefulRestart{true, false, 120, {{{1, 1}, true}}};
  o.caps.add_path = {{{1, 1}, 1}};
  o.caps.unknown = {{73, {1, 'a'}}};
  Bytes msg = EncodeOpen(o);
  auto h = DecodeHeader(msg, kMaxMessageSize);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->length, msg.size());
  auto d = DecodeOpen(BodyOf(msg));
  ASSERT_TRUE(d.ok()) << d.error().reason;
  EXPECT_EQ(d->my_as, kAsTrans);
  EXPECT_EQ(d->PeerAs(), 4200000001u);
  EXPECT_EQ(d->hold_time, 180);
  EXPECT_EQ(d->bgp_id, 0xc0000201u);
  EXPECT_EQ(d->caps.multiprotocol, o.caps.multiprotocol);
  EXPECT_TRUE(d->caps.route_refresh && d->caps.enhanced_route_refresh &&
              d->caps.extended_message);
  ASSERT_TRUE(d->caps.graceful_restart);
  EXPECT_TRUE(d->caps.graceful_restart->restart_state);
  EXPECT_EQ(d->caps.graceful_restart->restart_time, 120);
  ASSERT_EQ(d->caps.graceful_restart->families.size(), 1u);
  EXPECT_TRUE(d->caps.graceful_restart->families[0].forwarding_preserved);
  ASSERT_EQ(d->caps.add_path.size(), 1u);
  EXPECT_EQ(d->caps.add_path[0].send_receive, 1);
  ASSERT_EQ(d->caps.unknown.size(), 1u);
  EXPECT_EQ(d->caps.unknown[0].code, 73);
  EXPECT_TRUE(d->caps.HasFamily({25, 70}));
  EXPECT_FALSE(d->caps.HasFamily({2, 1}));
  // The decoded OPEN (with its layout) encodes to the same bytes.
  EXPECT_EQ(ToHex(EncodeOpen(*d)), ToHex(msg));
}

TEST(Open, MyAsDefaultsFromFourOctetAs) {
  Open o;
  o.bgp_id = 1;
  o.caps.four_octet_as = 4200000001;
  EXPECT_EQ(DecodeOpen(test::Tail(EncodeOpen(o)))->my_as, kAsTrans);
  o.caps.four_octet_as = 65010;
  EXPECT_EQ(DecodeOpen(test::Tail(EncodeOpen(o)))->my_as, 65010);
}

TEST(Open, MinimalOpenHasNoParameters) {
  Open o;
  o.my_as = 65001;
  o.hold_time = 90;
  o.bgp_id = 1;
  EXPECT_EQ(ToHex(EncodeOpen(o)),
            "ffffffffffffffffffffffffffffffff001d01" "04fde9005a0000000100");
  auto d = DecodeOpen(OpenBody({0}));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->PeerAs(), 65001u);
}

TEST(Open, OldCiscoRouteRefreshCode) {
  auto d = DecodeOpen(OpenBody(H("04 02 02 80 00")));
  ASSERT_TRUE(d.ok()) << d.error().reason;
  EXPECT_TRUE(d->caps.route_refresh);
  EXPECT_EQ(ToHex(test::Tail(EncodeOpen(*d))), ToHex(OpenBody(H("04020280 00"))));
}

TEST(Open, UnsupportedVersion) {
  ExpectError(DecodeOpen(OpenBody({0}, 3)), 2, 1, {0, 4});
}

TEST(Open, HoldTimeOneOrTwoIsUnacceptable) {
  ExpectError(DecodeOpen(OpenBody({0}, 4, 65001, 1)), 2, 6);
  ExpectError(DecodeOpen(OpenBody({0}, 4, 65001, 2)), 2, 6);
  EXPECT_TRUE(DecodeOpen(OpenBody({0}, 4, 65001, 0)).ok());
  EXPECT_TRUE(DecodeOpen(OpenBody({0}, 4, 65001, 3)).ok());
}

TEST(Open, ZeroBgpIdentifier) {
  ExpectError(DecodeOpen(OpenBody({0}, 4, 65001, 90, 0)), 2, 3);
  // RFC 6286: any other value, even multicast-looking, is acceptable.
  EXPECT_TRUE(DecodeOpen(OpenBody({0}, 4, 65001, 90, 0xe0000001)).ok());
}

TEST(Open, AsZeroIsBadPeerAs) {
  ExpectError(DecodeOpen(OpenBody({0}, 4, 0)), 2, 2);
  ExpectError(DecodeOpen(OpenBody(H("08 0206 4104 00000000"))), 2, 2);
}

TEST(Open, UnsupportedOptionalParameter) {
  ExpectError(DecodeOpen(OpenBody(H("03 01 01 00"))), 2, 4);
}

TEST(Open, ParameterLengthsMustAddUp) {
  ExpectError(DecodeOpen(OpenBody(H("05 02 02 0200"))), 2, 0);      // says 5, has 4
  ExpectError(DecodeOpen(OpenBody(H("04 02 04 0200"))), 2, 0);      // param overruns
  ExpectError(DecodeOpen(OpenBody(H("04 02 02 0205"))), 2, 0);      // capability overruns
  ExpectError(DecodeOpen(OpenBody(H("05 02 03 020000"))), 2, 0);    // RR with a value
  ExpectError(DecodeOpen(OpenBody(H("05 02 03 010100"))), 2, 0);    // MP of length 1
  ExpectError(DecodeOpen(OpenBody(H("05 02 03 410100"))), 2, 0);    // 4-octet AS of length 1
  ExpectError(DecodeOpen(OpenBody(H("06 02 04 45020001"))), 2, 0);  // ADD-PATH not 4n
}

TEST(Open, TruncatedBodyIsBadLength) {
  ExpectError(DecodeOpen(H("04fde9005a00000001")), 1, 2, {0, 28});
}

TEST(Open, OneCapabilityPerParameterReencodesExactly) {
  // FRR/BIRD style: every capability in a parameter of its own, unknown
  // ones (FQDN 73) in between, GR with the N bit.
  Bytes params = H("2c" "0206 0104 00010001" "0202 0200" "0206 4104 0000fde9"
                   "0208 4906 03 666f6f 00 00" "0208 4006 c078 0001 0180" "0202 4600");
  Bytes body = OpenBody(params);
  auto d = DecodeOpen(body);
  ASSERT_TRUE(d.ok()) << d.error().reason;
  EXPECT_TRUE(d->caps.graceful_restart->notification);
  EXPECT_TRUE(d->caps.graceful_restart->restart_state);
  EXPECT_EQ(d->caps.graceful_restart->restart_time, 120);
  EXPECT_EQ(d->caps.unknown.size(), 1u);
  EXPECT_EQ(ToHex(test::Tail(EncodeOpen(*d))), ToHex(body));
  // The canonical form puts all of them into one parameter.
  Open canon = *d;
  canon.caps.layout = {};
  auto again = DecodeOpen(test::Tail(EncodeOpen(canon)));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->caps.layout.entries.back().param, 0);
  EXPECT_EQ(again->caps.four_octet_as, 65001u);
}

TEST(Open, RepeatedSingleCapabilityIsKeptRaw) {
  Bytes body = OpenBody(H("0e 020c 4104 0000fde9 4104 0000fdea"));
  auto d = DecodeOpen(body);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->caps.four_octet_as, 65001u);  // the first one counts
  ASSERT_EQ(d->caps.unknown.size(), 1u);
  EXPECT_EQ(ToHex(test::Tail(EncodeOpen(*d))), ToHex(body));
}

TEST(Open, ExtendedOptionalParameters) {
  // RFC 9072: ff ff, then a 2-octet length, parameters with 2-octet lengths.
  Bytes body = OpenBody(H("ff ff 0009 02 0006 4104 0000fde9"));
  auto d = DecodeOpen(body);
  ASSERT_TRUE(d.ok()) << d.error().reason;
  EXPECT_EQ(d->caps.four_octet_as, 65001u);
  EXPECT_TRUE(d->caps.layout.extended_params);
  EXPECT_EQ(ToHex(test::Tail(EncodeOpen(*d))), ToHex(body));
  ExpectError(DecodeOpen(OpenBody(H("ff ff 000a 02 0006 4104 0000fde9"))), 2, 0);
}

TEST(Open, ManyCapabilitiesUseExtendedParameters) {
  Open o;
  o.my_as = 65001;
  o.bgp_id = 1;
  for (int i = 0; i < 40; ++i) o.caps.unknown.push_back({200, Bytes(6, uint8_t(i))});
  Bytes msg = EncodeOpen(o);
  EXPECT_EQ(msg[19 + 9], 0xff);
  EXPECT_EQ(msg[19 + 10], 0xff);
  auto d = DecodeOpen(BodyOf(msg));
  ASSERT_TRUE(d.ok()) << d.error().reason;
  EXPECT_EQ(d->caps.unknown.size(), 40u);
  EXPECT_EQ(d->caps.unknown[39].value, Bytes(6, 39));
}

}  // namespace
}  // namespace meshbgp::wire
