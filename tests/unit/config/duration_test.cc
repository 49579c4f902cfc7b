#include "bgpd/config/duration.h"

#include <gtest/gtest.h>

namespace meshbgp::config {
namespace {

using std::chrono::milliseconds;

TEST(Duration, Units) {
  EXPECT_EQ(*ParseDuration("5s"), milliseconds(5000));
  EXPECT_EQ(*ParseDuration("500ms"), milliseconds(500));
  EXPECT_EQ(*ParseDuration("1m"), milliseconds(60000));
  EXPECT_EQ(*ParseDuration("2h"), milliseconds(7200000));
  EXPECT_EQ(*ParseDuration("0s"), milliseconds(0));
}

TEST(Duration, PlainIntegerIsSeconds) {
  EXPECT_EQ(*ParseDuration("30"), milliseconds(30000));
  EXPECT_EQ(*ParseDuration("0"), milliseconds(0));
}

TEST(Duration, Errors) {
  for (const char* bad : {"", "s", "5x", "-1s", "1.5s", "5 s", "5S", "5sec", "ms5", "1m30s"}) {
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
  }
  EXPECT_EQ(ParseDuration("5x").status().message(),
            "expected a duration (500ms, 5s, 1m, 1h; a plain number is seconds), found 5x");
  EXPECT_EQ(ParseDuration("25h").status().message(),
            "expected a duration of at most 24h, found 25h");
  EXPECT_FALSE(ParseDuration("99999999999999999999").ok());
}

TEST(Duration, ToStringUsesTheLargestExactUnit) {
  EXPECT_EQ(DurationToString(milliseconds(5000)), "5s");
  EXPECT_EQ(DurationToString(milliseconds(500)), "500ms");
  EXPECT_EQ(DurationToString(milliseconds(1500)), "1500ms");
  EXPECT_EQ(DurationToString(milliseconds(120000)), "2m");
  EXPECT_EQ(DurationToString(milliseconds(90000)), "90s");
  EXPECT_EQ(DurationToString(milliseconds(3600000)), "1h");
  EXPECT_EQ(DurationToString(milliseconds(0)), "0s");
  for (const char* text : {"5s", "500ms", "1m", "2h", "90s"}) {
    EXPECT_EQ(DurationToString(*ParseDuration(text)), text);
  }
}

}  // namespace
}  // namespace meshbgp::config
