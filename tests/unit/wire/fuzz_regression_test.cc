// Inputs the fuzz targets (fuzz/) flagged, kept as the behaviour they
// pinned down: octets reserved and ignored on receipt come back as zero
// (so re-encoding is a fixpoint, not always the received bytes), and an
// UPDATE made treat-as-withdraw by an overrunning attribute still
// re-encodes to something that decodes.
#include <gtest/gtest.h>

#include "bgpd/wire/header.h"
#include "bgpd/wire/open.h"
#include "bgpd/wire/update.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using test::Bytes;
using test::H;
using test::Tail;

// MP_REACH (EVPN) whose reserved octet after the next hop is 0x0a.
TEST(FuzzRegression, MpReachReservedOctetIsIgnoredAndWrittenAsZero) {
  const Bytes body = H(
      "000000534001010240020602010000fde9800e3000194604000100000a0225000100000001200a01df05000064c0"
      "10100002fd000030020000000001200a01df05000064c010100002fde900000064030c000000000008");
  auto u = DecodeUpdate(body, DecodeOptions{});
  ASSERT_TRUE(u.ok()) << u.error().reason;
  EXPECT_FALSE(u->treat_as_withdraw);
  Bytes again = Tail(EncodeUpdate(*u, EncodeOptions{}));
  ASSERT_EQ(again.size(), body.size());
  Bytes want = body;
  want[4 + 4 + 9 + 3 + 8] = 0;  // lengths, ORIGIN, AS_PATH, MP_REACH header, AFI..next hop
  EXPECT_EQ(ToHex(again), ToHex(want));
  auto u2 = DecodeUpdate(again, DecodeOptions{});
  ASSERT_TRUE(u2.ok());
  EXPECT_EQ(u2->attrs, u->attrs);
  EXPECT_EQ(u2->mp_reach->nlri, u->mp_reach->nlri);
  EXPECT_EQ(Tail(EncodeUpdate(*u2, EncodeOptions{})), again);
}

// An OPEN whose multiprotocol capability has a non-zero reserved octet
// (AFI 0, reserved 0xfd, SAFI 0xe9).
TEST(FuzzRegression, OpenReEncodingIsAFixpoint) {
  const Bytes body = H(
      "04fde9005a0a0000012e022c0200490402766d0001040001000101040019004601040000fde94002005a050c00"
      "0100010002001900460002");
  auto o = DecodeOpen(body);
  ASSERT_TRUE(o.ok()) << o.error().reason;
  const Bytes again = EncodeOpen(*o);
  auto o2 = DecodeOpen(Tail(again));
  ASSERT_TRUE(o2.ok());
  EXPECT_EQ(o2->caps.multiprotocol, o->caps.multiprotocol);
  EXPECT_EQ(EncodeOpen(*o2), again);
}

// COMMUNITIES repeated with an Extended Length of 2048 running past the
// block: treat-as-withdraw, and the re-encoding (without the overrun)
// decodes without a session reset.
TEST(FuzzRegression, OverrunningAttributeIsTreatAsWithdrawAndReencodes) {
  const Bytes body = H(
      "0000003d4001010040020e02030000fdecfa56ea03fa56ea034003040a000003c00804fdeb00c01008080002fd"
      "eb00000064c0200cfa2956ea030000000100000001180a0301");
  auto u = DecodeUpdate(body, DecodeOptions{});
  ASSERT_TRUE(u.ok()) << u.error().reason;
  EXPECT_TRUE(u->treat_as_withdraw);
  auto u2 = DecodeUpdate(Tail(EncodeUpdate(*u, EncodeOptions{})), DecodeOptions{});
  ASSERT_TRUE(u2.ok()) << u2.error().reason;
  EXPECT_EQ(u2->nlri, u->nlri);
}

}  // namespace
}  // namespace meshbgp::wire
