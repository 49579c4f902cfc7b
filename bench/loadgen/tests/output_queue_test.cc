#include "bench/loadgen/output_queue.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

#include "bench/loadgen/workload.h"
#include "bgpd/wire/header.h"
#include "tests/unit/wire/message_stream.h"

namespace meshbgp::loadgen {
namespace {

class OutputQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds_), 0);
    int small = 4096;  // the kernel doubles it; still far below the stream
    setsockopt(fds_[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    setsockopt(fds_[1], SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  }
  void TearDown() override {
    close(fds_[0]);
    close(fds_[1]);
  }
  void Drain() {
    uint8_t buf[65536];
    ssize_t n;
    while ((n = read(fds_[1], buf, sizeof buf)) > 0) received_.insert(received_.end(), buf, buf + n);
  }
  // Message types in the received bytes; fails on a torn message.
  std::vector<wire::MessageType> Messages() {
    std::vector<wire::MessageType> out;
    for (const auto& m : wire::test::SplitMessages(received_)) out.push_back(m.type);
    return out;
  }
  int fds_[2];
  std::vector<uint8_t> received_;
};

TEST_F(OutputQueueTest, KeepaliveDueMidStreamGoesBetweenTwoUpdates) {
  Workload w(0x64000000, 2, 20000);
  std::vector<uint8_t> stream =
      w.EncodeAnnouncements(0, 65001, 0x0a800101, wire::EncodeOptions{}, wire::kMaxMessageSize);
  const size_t updates = 20;  // 20000 /24s, ~1000 per UPDATE
  OutputQueue q;
  q.SetStream(stream);
  std::vector<uint8_t> keepalive = wire::EncodeKeepalive();

  // The socket fills after the first chunk, almost surely mid-UPDATE.
  auto r = q.WriteTo(fds_[0]);
  EXPECT_EQ(r.error, 0);
  ASSERT_GT(r.stream_bytes, 0u);
  ASSERT_LT(r.stream_bytes, stream.size());
  q.PushControl(keepalive);
  size_t keepalives = 1;
  while (q.pending()) {
    Drain();
    r = q.WriteTo(fds_[0]);
    ASSERT_EQ(r.error, 0);
    if (keepalives < 3 && !q.stream_done()) {  // a couple more, at arbitrary points
      q.PushControl(keepalive);
      ++keepalives;
    }
  }
  Drain();
  EXPECT_EQ(received_.size(), stream.size() + keepalives * keepalive.size());
  auto types = Messages();
  size_t seen_updates = 0, seen_keepalives = 0;
  for (auto t : types) (t == wire::MessageType::kUpdate ? seen_updates : seen_keepalives)++;
  EXPECT_EQ(seen_updates, updates);
  EXPECT_EQ(seen_keepalives, keepalives);
  // The first KEEPALIVE was not held back until the end of the stream.
  EXPECT_NE(types.front(), wire::MessageType::kKeepalive);
  EXPECT_NE(types.back(), wire::MessageType::kKeepalive);
}

TEST_F(OutputQueueTest, ControlBeforeAnyStream) {
  OutputQueue q;
  std::vector<uint8_t> keepalive = wire::EncodeKeepalive();
  q.PushControl(keepalive);
  q.PushControl(keepalive);
  EXPECT_TRUE(q.pending());
  auto r = q.WriteTo(fds_[0]);
  EXPECT_EQ(r.control_bytes, 2 * keepalive.size());
  EXPECT_FALSE(q.pending());
  Drain();
  EXPECT_EQ(Messages().size(), 2u);
}

TEST_F(OutputQueueTest, ReportsSendErrors) {
  OutputQueue q;
  std::vector<uint8_t> keepalive = wire::EncodeKeepalive();
  q.PushControl(keepalive);
  close(fds_[1]);
  fds_[1] = socket(AF_UNIX, SOCK_STREAM, 0);  // keeps TearDown's close valid
  auto r = q.WriteTo(fds_[0]);
  EXPECT_EQ(r.error, EPIPE);
}

}  // namespace
}  // namespace meshbgp::loadgen
