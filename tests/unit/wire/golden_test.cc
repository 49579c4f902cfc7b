// Messages captured from FRR, GoBGP, BIRD and OpenBGPD (tests/unit/golden,
// made by capture.sh) must decode without complaint and encode back to the
// very same bytes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "bgpd/wire/header.h"
#include "bgpd/wire/notification.h"
#include "bgpd/wire/open.h"
#include "bgpd/wire/route_refresh.h"
#include "bgpd/wire/update.h"
#include "test_util.h"
#include "tests/unit/golden/golden_file.h"

namespace meshbgp::wire {
namespace {
using test::Bytes;

using Vector = golden::Message;
std::vector<Vector> Load(const std::string& name) { return golden::Load(name); }

class Golden : public ::testing::TestWithParam<const char*> {};

TEST_P(Golden, DecodesAndReencodesByteForByte) {
  auto vectors = Load(GetParam());
  ASSERT_FALSE(vectors.empty());
  std::map<MessageType, int> count;
  int evpn_updates = 0, cease_with_message = 0, ipv4_eor = 0;
  DecodeOptions opts;  // set from the sender's OPEN below
  for (const Vector& v : vectors) {
    SCOPED_TRACE(v.description);
    auto h = DecodeHeader(v.bytes, kMaxMessageSize);
    ASSERT_TRUE(h.ok()) << h.error().reason;
    ASSERT_EQ(h->length, v.bytes.size());
    ++count[h->type];
    auto body = std::span(v.bytes).subspan(kHeaderSize);
    Bytes again;
    switch (h->type) {
      case MessageType::kOpen: {
        auto o = DecodeOpen(body);
        ASSERT_TRUE(o.ok()) << o.error().reason;
        opts.four_octet_as = o->caps.four_octet_as.has_value();
        EXPECT_NE(o->PeerAs(), 0u);
        again = EncodeOpen(*o);
        break;
      }
      case MessageType::kUpdate: {
        auto u = DecodeUpdate(body, opts);
        ASSERT_TRUE(u.ok()) << u.error().reason;
        EXPECT_FALSE(u->treat_as_withdraw);
        EXPECT_TRUE(u->discarded.empty()) << u->discarded.front();
        if (u->mp_reach && FamilyOf(u->mp_reach->afi_safi) == Family::kEvpn) ++evpn_updates;
        if (EndOfRib(*u) == Family::kIpv4Unicast) ++ipv4_eor;
        if (!u->nlri.empty()) {
          EXPECT_TRUE(u->attrs.origin && u->attrs.as_path && u->attrs.next_hop);
        }
        again = EncodeUpdate(*u, EncodeOptions{opts.four_octet_as});
        break;
      }
      case MessageType::kKeepalive:
        again = EncodeKeepalive();
        break;
      case MessageType::kNotification: {
        auto n = DecodeNotification(body);
        ASSERT_TRUE(n.ok());
        if (auto msg = ShutdownMessage(*n)) {
          EXPECT_NE(msg->find("golden capture"), std::string::npos) << *msg;
          EXPECT_NE(DescribeNotification(*n).find("\"golden capture"), std::string::npos);
          ++cease_with_message;
        }
        again = EncodeNotification(*n);
        break;
      }
      case MessageType::kRouteRefresh: {
        auto rr = DecodeRouteRefresh(body);
        ASSERT_TRUE(rr.ok()) << rr.error().reason;
        again = EncodeRouteRefresh(*rr);
        break;
      }
    }
    EXPECT_EQ(ToHex(again), ToHex(v.bytes));
  }
  EXPECT_GE(count[MessageType::kOpen], 1);
  EXPECT_GE(count[MessageType::kUpdate], 5);
  EXPECT_GE(count[MessageType::kKeepalive], 1);
  EXPECT_GE(count[MessageType::kNotification], 1);
  std::string name = GetParam();
  if (name == "frr.txt" || name == "gobgp.txt") {
    EXPECT_GE(evpn_updates, 3);
  }
  EXPECT_GE(cease_with_message, 1);
  EXPECT_EQ(ipv4_eor, 1);  // distinct messages only: every daemon's is the same 23 bytes
}

INSTANTIATE_TEST_SUITE_P(Daemons, Golden,
                         ::testing::Values("gobgp.txt", "frr.txt", "bird.txt", "openbgpd.txt"),
                         [](const auto& info) {
                           std::string n = info.param;
                           return n.substr(0, n.find('.'));
                         });

}  // namespace
}  // namespace meshbgp::wire

namespace meshbgp::wire {
namespace {

// Every golden UPDATE and OPEN with single bytes changed: decoding must
// never crash or read out of bounds (run under MESHBGP_SANITIZE), and an
// UPDATE accepted without any complaint must still encode back exactly.
TEST(GoldenMutations, DecodersSurviveAndCleanDecodesRoundTrip) {
  uint64_t state = 0x9e3779b97f4a7c15;
  auto next = [&state] {
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
  };
  int clean = 0, rejected = 0;
  for (const char* file : {"gobgp.txt", "frr.txt", "bird.txt", "openbgpd.txt"}) {
    for (const Vector& v : Load(file)) {
      if (v.bytes[18] != 1 && v.bytes[18] != 2) continue;
      for (int round = 0; round < 200; ++round) {
        Bytes m = v.bytes;
        int flips = 1 + next() % 3;
        for (int f = 0; f < flips; ++f) m[kHeaderSize + next() % (m.size() - kHeaderSize)] = next();
        auto body = std::span(m).subspan(kHeaderSize);
        if (m[18] == 1) {
          auto o = DecodeOpen(body);
          if (o.ok()) (void)EncodeOpen(*o);
          continue;
        }
        auto u = DecodeUpdate(body, DecodeOptions{});
        if (!u.ok()) {
          ++rejected;
          continue;
        }
        if (u->treat_as_withdraw || !u->discarded.empty()) continue;
        if (u->mp_reach) continue;  // a non-zero reserved octet is not kept
        ++clean;
        EXPECT_EQ(ToHex(EncodeUpdate(*u, {})), ToHex(m)) << v.description;
      }
    }
  }
  EXPECT_GT(clean, 100);
  EXPECT_GT(rejected, 100);
}

}  // namespace
}  // namespace meshbgp::wire
