// DecodeUpdate on malformed input: RFC 4271 §6.3 as revised by RFC 7606.
#include <gtest/gtest.h>

#include "bgpd/wire/update.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using test::AsPath4;
using test::Attr;
using test::Body;
using test::Bytes;
using test::Cat;
using test::ExpectError;
using test::H;
using test::Mandatory;
using test::NextHop;
using test::OriginIgp;

constexpr DecodeOptions kEbgp{};
constexpr DecodeOptions kIbgp{true, true};
const Bytes kNlri = H("18 0a0100");

// Decodes `attrs` with one IPv4 prefix and expects treat-as-withdraw with
// the prefix still reported.
void ExpectWithdraw(const Bytes& attrs, const DecodeOptions& opts = kEbgp) {
  auto u = DecodeUpdate(Body({}, attrs, kNlri), opts);
  ASSERT_TRUE(u.ok()) << u.error().reason;
  EXPECT_TRUE(u->treat_as_withdraw);
  EXPECT_EQ(u->nlri, (std::vector<Ipv4Prefix>{{0x0a010000, 24}}));
  EXPECT_FALSE(u->discarded.empty());
}

// Expects the routes kept and the attribute gone.
Update ExpectDiscard(const Bytes& attrs, const DecodeOptions& opts = kEbgp) {
  auto u = DecodeUpdate(Body({}, attrs, kNlri), opts);
  EXPECT_TRUE(u.ok()) << u.error().reason;
  if (!u.ok()) return {};
  EXPECT_FALSE(u->treat_as_withdraw);
  EXPECT_FALSE(u->discarded.empty());
  return *u;
}

TEST(UpdateErrors, WithdrawnLengthOverrunsMessage) {
  ExpectError(DecodeUpdate(H("0005 0a00 0000"), kEbgp), 3, 1);
}

TEST(UpdateErrors, AttributeLengthOverrunsMessage) {
  ExpectError(DecodeUpdate(H("0000 0010 400101 00"), kEbgp), 3, 1);
}

TEST(UpdateErrors, NlriPrefixLongerThan32) {
  ExpectError(DecodeUpdate(Body({}, Mandatory(), H("21 0a000000 00")), kEbgp), 3, 10);
}

TEST(UpdateErrors, NlriTruncated) {
  // BIRD answers 3/1 here; RFC 4271 §6.3 says Invalid Network Field.
  ExpectError(DecodeUpdate(Body({}, Mandatory(), H("18 0a01")), kEbgp), 3, 10);
}

TEST(UpdateErrors, WithdrawnFieldIsCheckedLikeNlri) {
  ExpectError(DecodeUpdate(Body(H("28 0a000000 00"), {}, {}), kEbgp), 3, 10);
  ExpectError(DecodeUpdate(Body(H("18 0a"), {}, {}), kEbgp), 3, 10);
}

TEST(UpdateErrors, AttributeOverrunningBlockIsTreatAsWithdraw) {
  // RFC 7606 §4: the Total Path Attribute Length still finds the NLRI.
  ExpectWithdraw(Cat({Mandatory(), H("c0 08 08 00000001")}));
  ExpectWithdraw(Cat({Mandatory(), H("c0 08")}));  // header cut short
}

TEST(UpdateErrors, MpAttributeOverrunningBlockResets) {
  ExpectError(DecodeUpdate(Body({}, Cat({Mandatory(), H("80 0e 20 0001 01 04")}), kNlri), kEbgp),
              3, 1);
}

TEST(UpdateErrors, MalformedOrigin) {
  ExpectWithdraw(Cat({H("40 01 01 03"), AsPath4({1}), NextHop(1)}));
  ExpectWithdraw(Cat({H("40 01 02 0000"), AsPath4({1}), NextHop(1)}));
}

TEST(UpdateErrors, MalformedAsPath) {
  ExpectWithdraw(Cat({OriginIgp(), H("40 02 02 0200"), NextHop(1)}));
  ExpectWithdraw(Cat({OriginIgp(), H("40 02 06 0202 0000fde9"), NextHop(1)}));
  ExpectWithdraw(Cat({OriginIgp(), H("40 02 06 0901 0000fde9"), NextHop(1)}));
  ExpectWithdraw(Cat({OriginIgp(), H("40 02 06 0201 00000000"), NextHop(1)}));  // RFC 7607
}

TEST(UpdateErrors, ConfederationSegmentsFromExternalPeer) {
  Bytes attrs = Cat({OriginIgp(), H("40 02 06 03 01 0000fde9"), NextHop(1)});
  ExpectWithdraw(attrs, kEbgp);
  auto u = DecodeUpdate(Body({}, attrs, kNlri), kIbgp);
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(u->treat_as_withdraw);
}

TEST(UpdateErrors, NextHopWrongLength) {
  ExpectWithdraw(Cat({OriginIgp(), AsPath4({1}), H("40 03 05 0a00000100")}));
}

TEST(UpdateErrors, MedWrongLength) { ExpectWithdraw(Cat({Mandatory(), H("80 04 02 0001")})); }

TEST(UpdateErrors, LocalPrefFromExternalPeerIsDiscarded) {
  Update u = ExpectDiscard(Cat({Mandatory(), H("40 05 04 00000064")}));
  EXPECT_FALSE(u.attrs.local_pref);
  // Even a malformed one: it is discarded before being looked at.
  ExpectDiscard(Cat({Mandatory(), H("40 05 01 64")}));
}

TEST(UpdateErrors, LocalPrefWrongLengthFromInternalPeer) {
  ExpectWithdraw(Cat({Mandatory(), H("40 05 03 000064")}), kIbgp);
}

TEST(UpdateErrors, AtomicAggregateWrongLengthIsDiscarded) {
  Update u = ExpectDiscard(Cat({Mandatory(), H("40 06 01 00")}));
  EXPECT_FALSE(u.attrs.atomic_aggregate);
}

TEST(UpdateErrors, AggregatorWrongLengthIsDiscarded) {
  Update u = ExpectDiscard(Cat({Mandatory(), H("c0 07 06 fde9 0a000001")}));
  EXPECT_FALSE(u.attrs.aggregator);
  ExpectDiscard(Cat({Mandatory(), H("c0 07 08 00000000 0a000001")}));  // AS 0
}

TEST(UpdateErrors, CommunitiesLength) {
  ExpectWithdraw(Cat({Mandatory(), H("c0 08 05 0000000100")}));
  ExpectWithdraw(Cat({Mandatory(), H("c0 08 00")}));
}

TEST(UpdateErrors, ExtendedCommunitiesLength) {
  ExpectWithdraw(Cat({Mandatory(), H("c0 10 07 00020001000000")}));
}

TEST(UpdateErrors, LargeCommunitiesLength) {
  ExpectWithdraw(Cat({Mandatory(), H("c0 20 08 0000000100000002")}));
}

TEST(UpdateErrors, OriginatorIdAndClusterList) {
  ExpectWithdraw(Cat({Mandatory(), H("80 09 03 010203")}), kIbgp);
  ExpectWithdraw(Cat({Mandatory(), H("80 0a 06 010203040506")}), kIbgp);
  ExpectWithdraw(Cat({Mandatory(), H("80 0a 00")}), kIbgp);
}

TEST(UpdateErrors, WrongFlagsFollowTheAttributesRule) {
  // RFC 7606 §3 c: ORIGIN marked optional -> treat-as-withdraw ...
  ExpectWithdraw(Cat({H("c0 01 01 00"), AsPath4({1}), NextHop(1)}));
  // ... MED marked transitive -> treat-as-withdraw ...
  ExpectWithdraw(Cat({Mandatory(), H("c0 04 04 00000001")}));
  // ... AGGREGATOR marked well-known -> discarded, as a malformed one is.
  Update u = ExpectDiscard(Cat({Mandatory(), H("40 07 08 0000fde9 0a000001")}));
  EXPECT_FALSE(u.attrs.aggregator);
  // The Partial bit is not checked.
  auto ok = DecodeUpdate(Body({}, Cat({Mandatory(), H("a0 04 04 00000001")}), kNlri), kEbgp);
  ASSERT_TRUE(ok.ok());
  EXPECT_FALSE(ok->treat_as_withdraw);
}

TEST(UpdateErrors, MissingWellKnownAttributes) {
  ExpectWithdraw(Cat({AsPath4({1}), NextHop(1)}));   // no ORIGIN
  ExpectWithdraw(Cat({OriginIgp(), NextHop(1)}));    // no AS_PATH
  ExpectWithdraw(Cat({OriginIgp(), AsPath4({1})}));  // no NEXT_HOP
  ExpectWithdraw({});                                // nothing at all
  // Without NLRI nothing is missing.
  auto u = DecodeUpdate(Body(kNlri, OriginIgp(), {}), kEbgp);
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(u->treat_as_withdraw);
}

TEST(UpdateErrors, RepeatedAttributeKeepsTheFirst) {
  Update u = ExpectDiscard(Cat({Mandatory(), H("80 04 04 00000001"), H("80 04 04 00000002")}));
  EXPECT_EQ(u.attrs.med, 1u);
}

TEST(UpdateErrors, RepeatedMpReachResets) {
  Bytes mp = Attr(0x80, 14, H("0001 01 04 0a000001 00 08 0a"));
  ExpectError(DecodeUpdate(Body({}, Cat({mp, OriginIgp(), AsPath4({1}), mp}), {}), kEbgp), 3, 1);
  Bytes un = Attr(0x80, 15, H("0019 46"));
  ExpectError(DecodeUpdate(Body({}, Cat({un, un}), {}), kEbgp), 3, 1);
}

TEST(UpdateErrors, UnrecognizedWellKnownAttribute) {
  Bytes bad = H("40 63 02 abcd");
  ExpectError(DecodeUpdate(Body({}, Cat({Mandatory(), bad}), kNlri), kEbgp), 3, 2, bad);
}

TEST(UpdateErrors, MpReachTooShort) {
  Bytes bad = H("80 0e 04 0001 01 04");
  ExpectError(DecodeUpdate(Body({}, bad, {}), kEbgp), 3, 9, bad);
}

TEST(UpdateErrors, MpReachNextHopOverrunsAttribute) {
  Bytes bad = Attr(0x80, 14, H("0001 01 10 0a000001 00"));
  ExpectError(DecodeUpdate(Body({}, bad, {}), kEbgp), 3, 9, bad);
}

TEST(UpdateErrors, MpReachNextHopLengthWrongForFamily) {
  // RFC 7606 §7.11: the NLRI cannot be trusted to start where it seems to.
  Bytes bad = Attr(0x80, 14, H("0019 46 05 0a00000100 00"));
  ExpectError(DecodeUpdate(Body({}, Cat({OriginIgp(), AsPath4({1}), bad}), {}), kEbgp), 3, 9, bad);
}

TEST(UpdateErrors, MpReachMalformedNlri) {
  Bytes v4 = Attr(0x80, 14, H("0001 01 04 0a000001 00 21 0a000000 00"));
  ExpectError(DecodeUpdate(Body({}, v4, {}), kEbgp), 3, 9, v4);
  Bytes evpn = Attr(0x80, 14, H("0019 46 04 0a000001 00 02 21 0000"));
  ExpectError(DecodeUpdate(Body({}, evpn, {}), kEbgp), 3, 9, evpn);
}

TEST(UpdateErrors, MpUnreachMalformed) {
  Bytes short_one = H("80 0f 02 0019");
  ExpectError(DecodeUpdate(Body({}, short_one, {}), kEbgp), 3, 9, short_one);
  Bytes bad_nlri = H("80 0f 05 0001 01 18 0a");
  ExpectError(DecodeUpdate(Body({}, bad_nlri, {}), kEbgp), 3, 9, bad_nlri);
}

TEST(UpdateErrors, MpReachWrongFlagsWithdrawsItsRoutes) {
  Bytes mp = Attr(0x40, 14, H("0001 01 04 0a000001 00 08 0a"));
  auto u = DecodeUpdate(Body({}, Cat({mp, OriginIgp(), AsPath4({1})}), {}), kEbgp);
  ASSERT_TRUE(u.ok());
  EXPECT_TRUE(u->treat_as_withdraw);
  ASSERT_TRUE(u->mp_reach);
  EXPECT_EQ(ToHex(u->mp_reach->nlri), "080a");
}

TEST(UpdateErrors, StrongestActionWins) {
  // A treat-as-withdraw error first, a session reset later: reset.
  Bytes bad = H("40 63 00");
  ExpectError(DecodeUpdate(Body({}, Cat({H("40 01 01 07"), AsPath4({1}), NextHop(1), bad}), kNlri),
                           kEbgp),
              3, 2, bad);
  // Discard and withdraw together: withdraw.
  ExpectWithdraw(Cat({Mandatory(), H("40 06 01 00"), H("80 04 01 00")}));
}

}  // namespace
}  // namespace meshbgp::wire
