// The update log's rotation rules: which file each moment belongs to and
// which old files go.
#include "bgpd/mrt/rotation.h"

#include <gtest/gtest.h>

namespace meshbgp::mrt {
namespace {

// 2026-11-29T02:03:04Z
constexpr int64_t kT = 1795917784;

TEST(Rotation, PeriodsAreAlignedToTheEpoch) {
  EXPECT_EQ(PeriodStart(kT, 300), kT - 184);  // 02:00:00
  EXPECT_EQ(NextRotation(kT, 300), kT - 184 + 300);
  EXPECT_EQ(PeriodStart(kT - 184, 300), kT - 184);  // a boundary starts its own period
  EXPECT_EQ(PeriodStart(kT, 2), kT);
  EXPECT_EQ(PeriodStart(kT + 1, 2), kT);
  EXPECT_EQ(PeriodStart(-1, 2), -2);
}

TEST(Rotation, IntervalZeroNeverRotates) {
  EXPECT_EQ(PeriodStart(kT, 0), kT);
  EXPECT_EQ(NextRotation(kT, 0), INT64_MAX);
}

TEST(Rotation, FileNamesAreStrftimeInUtc) {
  EXPECT_EQ(ExpandFileName("/var/lib/meshbgp/updates.%Y%m%d.%H%M.mrt", PeriodStart(kT, 300)),
            "/var/lib/meshbgp/updates.20261129.0200.mrt");
  EXPECT_EQ(ExpandFileName("u.%s", kT), "u.1795917784");
  EXPECT_EQ(ExpandFileName("plain.mrt", kT), "plain.mrt");
  EXPECT_EQ(ExpandFileName("100%%.mrt", kT), "100%.mrt");
  const std::string longer(3000, 'x');
  EXPECT_EQ(ExpandFileName(longer + "%Y", kT), longer + "2026");
}

TEST(RetainedFiles, RemovesTheOldestBeyondTheLimit) {
  RetainedFiles files(2);
  EXPECT_TRUE(files.Opened("a").empty());
  EXPECT_TRUE(files.Opened("b").empty());
  EXPECT_EQ(files.Opened("c"), std::vector<std::string>{"a"});
  EXPECT_EQ(files.Opened("d"), std::vector<std::string>{"b"});
}

TEST(RetainedFiles, TheSameNameAgainIsOneFile) {
  RetainedFiles files(2);
  files.Opened("a");
  EXPECT_TRUE(files.Opened("a").empty());
  EXPECT_TRUE(files.Opened("b").empty());
  EXPECT_TRUE(files.Opened("a").empty());        // back to a: a is the newest now
  EXPECT_EQ(files.Opened("c"), std::vector<std::string>{"b"});
}

TEST(RetainedFiles, ZeroKeepsEverything) {
  RetainedFiles files(0);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(files.Opened(std::to_string(i)).empty());
  files.set_max(3);
  EXPECT_EQ(files.Opened("x").size(), 98u);
}

}  // namespace
}  // namespace meshbgp::mrt
