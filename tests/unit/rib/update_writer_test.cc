#include "rib/update_writer.h"

#include <vector>

#include <gtest/gtest.h>

#include "bgpd/wire/attrs_codec.h"
#include "rib/update_group.h"
#include "tests/unit/rib/fake_out_member.h"
#include "tests/unit/rib/rib_test_util.h"

namespace meshbgp::rib {
namespace {

using testing::BasicAttrs;
using testing::FakeOutMember;
using testing::MakePeer;

std::vector<wire::Ipv4Prefix> Slash24s(uint32_t count) {
  std::vector<wire::Ipv4Prefix> out;
  for (uint32_t i = 0; i < count; ++i) out.push_back({0x0c000000u | (i << 8), 24});
  return out;
}

std::vector<uint8_t> Encoded(const wire::PathAttrs& attrs) {
  std::vector<uint8_t> out;
  wire::EncodeAttrs(attrs, {}, out);
  return out;
}

TEST(UpdateWriterTest, PacksFullMessagesIntoBoundedBuffers) {
  FakeOutMember peer(MakePeer(1, 65001, 1));
  UpdateWriter writer(wire::kMaxMessageSize, [&](Buffer b) {
    EXPECT_LE(b->size(), UpdateWriter::kTargetBufferSize);
    peer.Send(b);
  });
  const auto announce = Slash24s(20000);
  const std::vector<wire::Ipv4Prefix> withdraw(announce.begin(), announce.begin() + 5000);
  const std::vector<uint8_t> attrs = Encoded(BasicAttrs({65100}));
  writer.Withdraw(withdraw);
  writer.Announce(attrs, announce);
  writer.Finish();

  EXPECT_EQ(peer.withdrawn.size(), 5000u);
  EXPECT_EQ(peer.announcements, 20000u);
  EXPECT_EQ(peer.size(), 20000u);
  EXPECT_EQ(writer.prefixes(), 25000u);
  EXPECT_EQ(writer.messages(), peer.messages);
  EXPECT_GT(peer.buffers.size(), 1u);
  // Messages are full: a 4096-byte UPDATE holds ~1000 /24 withdrawals or
  // announcements, so 25000 prefixes need about 25 messages.
  const size_t per_message = (wire::kMaxMessageSize - 23 - attrs.size()) / 4;
  EXPECT_LE(writer.messages(), 5000 / per_message + 20000 / per_message + 2);
  EXPECT_EQ(writer.unsendable(), 0u);
}

TEST(UpdateWriterTest, AttributesTooLargeForAMessageBecomeWithdrawals) {
  wire::PathAttrs huge = BasicAttrs({65100});
  huge.communities.assign(1100, 0xfde80001);  // 4400 bytes of COMMUNITIES
  FakeOutMember peer(MakePeer(1, 65001, 1));
  UpdateWriter writer(wire::kMaxMessageSize, [&](Buffer b) { peer.Send(b); });
  writer.Announce(Encoded(huge), Slash24s(3));
  writer.Finish();
  EXPECT_EQ(writer.unsendable(), 3u);
  EXPECT_EQ(peer.withdrawn.size(), 3u);
  EXPECT_EQ(peer.announcements, 0u);
}

TEST(UpdateWriterTest, NothingToSendSendsNothing) {
  int buffers = 0;
  UpdateWriter writer(wire::kMaxMessageSize, [&](Buffer) { ++buffers; });
  writer.Withdraw({});
  writer.Finish();
  EXPECT_EQ(buffers, 0);
  EXPECT_EQ(writer.messages(), 0u);
}

}  // namespace
}  // namespace meshbgp::rib
