#include "bench/loadgen/churn.h"

#include <gtest/gtest.h>

#include "bench/loadgen/options.h"
#include "tests/unit/wire/message_stream.h"

namespace meshbgp::loadgen {
namespace {

TEST(Churn, WithdrawalsDecodeToTheClientsShare) {
  Workload w(0x64000000, 3, 2500);
  std::vector<uint8_t> stream = EncodeWithdrawals(w, 1, wire::kMaxMessageSize);
  std::vector<uint32_t> seen;
  for (const wire::Update& u : wire::test::DecodeUpdates(stream)) {
    EXPECT_TRUE(u.nlri.empty());
    for (const auto& p : u.withdrawn) seen.push_back(*w.IndexOf(p));
  }
  ASSERT_EQ(seen.size(), 2500u);
  for (uint32_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], w.FirstIndexOf(1) + i);
}

TEST(Churn, OptionsParse) {
  const char* argv[] = {"loadgen", "--rs", "10.0.0.1", "--sources", "10.0.128.1+11",
                        "--announcers", "1", "--churn", "--linger", "5"};
  auto o = ParseOptions(10, const_cast<char**>(argv));
  ASSERT_TRUE(o.ok()) << o.status();
  EXPECT_EQ(o->announcers, 1u);
  EXPECT_TRUE(o->churn);
  EXPECT_EQ(o->linger_s, 5);
}

}  // namespace
}  // namespace meshbgp::loadgen
