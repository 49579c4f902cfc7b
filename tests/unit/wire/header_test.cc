#include <gtest/gtest.h>

#include "bgpd/wire/header.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using test::Bytes;
using test::ExpectError;
using test::H;

Bytes Hdr(uint16_t len, uint8_t type) {
  Bytes b(19, 0xff);
  b[16] = len >> 8, b[17] = len & 0xff, b[18] = type;
  return b;
}

TEST(Header, DecodesKeepalive) {
  auto h = DecodeHeader(Hdr(19, 4), kMaxMessageSize);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->type, MessageType::kKeepalive);
  EXPECT_EQ(h->length, 19);
}

TEST(Header, BadMarkerIsNotSynchronized) {
  Bytes b = Hdr(19, 4);
  b[7] = 0xfe;
  ExpectError(DecodeHeader(b, kMaxMessageSize), 1, 1);
}

TEST(Header, BelowTypeMinimumIsBadLength) {
  ExpectError(DecodeHeader(Hdr(28, 1), kMaxMessageSize), 1, 2, {0, 28});
  ExpectError(DecodeHeader(Hdr(22, 2), kMaxMessageSize), 1, 2, {0, 22});
  ExpectError(DecodeHeader(Hdr(20, 3), kMaxMessageSize), 1, 2, {0, 20});
  ExpectError(DecodeHeader(Hdr(22, 5), kMaxMessageSize), 1, 2, {0, 22});
  ExpectError(DecodeHeader(Hdr(18, 4), kMaxMessageSize), 1, 2, {0, 18});
  EXPECT_TRUE(DecodeHeader(Hdr(29, 1), kMaxMessageSize).ok());
  EXPECT_TRUE(DecodeHeader(Hdr(23, 2), kMaxMessageSize).ok());
  EXPECT_TRUE(DecodeHeader(Hdr(21, 3), kMaxMessageSize).ok());
}

TEST(Header, KeepaliveMustBeExactly19) {
  ExpectError(DecodeHeader(Hdr(20, 4), kMaxMessageSize), 1, 2, {0, 20});
}

TEST(Header, AboveMaximumIsBadLength) {
  ExpectError(DecodeHeader(Hdr(4097, 2), kMaxMessageSize), 1, 2, {0x10, 0x01});
  EXPECT_TRUE(DecodeHeader(Hdr(4096, 2), kMaxMessageSize).ok());
}

TEST(Header, ExtendedMessagesExceptOpenAndKeepalive) {
  EXPECT_TRUE(DecodeHeader(Hdr(65535, 2), kMaxExtendedMessageSize).ok());
  EXPECT_TRUE(DecodeHeader(Hdr(5000, 3), kMaxExtendedMessageSize).ok());
  // RFC 8654 §4: an OPEN never exceeds 4096.
  ExpectError(DecodeHeader(Hdr(5000, 1), kMaxExtendedMessageSize), 1, 2, {0x13, 0x88});
}

TEST(Header, UnknownTypeIsBadType) {
  ExpectError(DecodeHeader(Hdr(19, 6), kMaxMessageSize), 1, 3, {6});
  ExpectError(DecodeHeader(Hdr(19, 0), kMaxMessageSize), 1, 3, {0});
}

TEST(Header, LongRouteRefreshIsLeftToItsDecoder) {
  // RFC 7313 §5 wants 7/1 with the whole message, not a header error.
  EXPECT_TRUE(DecodeHeader(Hdr(27, 5), kMaxMessageSize).ok());
}

TEST(Header, EncodeKeepalive) {
  EXPECT_EQ(ToHex(EncodeKeepalive()), "ffffffffffffffffffffffffffffffff001304");
  Bytes b(19);
  WriteHeader(MessageType::kUpdate, 300, b.data());
  EXPECT_EQ(ToHex(b), "ffffffffffffffffffffffffffffffff012c02");
}

}  // namespace
}  // namespace meshbgp::wire
