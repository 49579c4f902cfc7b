// The graceful_restart block: defaults, per-group overrides, the rules
// with file:line:col, and the writer's round trip.
#include <gtest/gtest.h>

#include "bgpd/config/config_writer.h"
#include "bgpd/config/default_config.h"
#include "tests/unit/config/parse_helpers.h"

namespace meshbgp::config {
namespace {

TEST(GracefulRestartConfig, DefaultsOnWithRfcTimes) {
  const Config c = Parsed(WithHeader("groups:\n  - {name: A}\n"));
  EXPECT_TRUE(c.graceful_restart.enabled);
  EXPECT_EQ(c.graceful_restart.restart_time, 120u);
  EXPECT_EQ(c.graceful_restart.stale_routes_time, 360u);
  EXPECT_EQ(c.graceful_restart.select_defer_time, 30u);
  EXPECT_TRUE(c.graceful_restart.notification);
  EXPECT_EQ(c.groups[0].graceful_restart, c.graceful_restart);
}

TEST(GracefulRestartConfig, GroupsInheritTheTopLevelBlockKeyByKey) {
  const Config c = Parsed(WithHeader(
      "groups:\n"
      "  - name: A\n"
      "    graceful_restart: {restart_time: 30}\n"
      "  - {name: B}\n"
      "graceful_restart: {stale_routes_time: 60, notification: false, select_defer_time: 5}\n"));
  EXPECT_EQ(c.graceful_restart.stale_routes_time, 60u);
  EXPECT_EQ(c.graceful_restart.select_defer_time, 5u);
  EXPECT_EQ(c.groups[0].graceful_restart.restart_time, 30u);
  EXPECT_EQ(c.groups[0].graceful_restart.stale_routes_time, 60u);
  EXPECT_FALSE(c.groups[0].graceful_restart.notification);
  EXPECT_EQ(c.groups[1].graceful_restart.restart_time, 120u);
  EXPECT_FALSE(Parsed(WithHeader("graceful_restart: {enabled: false}\n")).graceful_restart.enabled);
}

TEST(GracefulRestartConfig, BadValuesNameTheirPlace) {
  EXPECT_EQ(ErrorOf(WithHeader("graceful_restart: {restart_time: 4096}\n")),
            "t.yaml:3:34: graceful_restart.restart_time: expected 0..4095 (seconds), found 4096");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - name: A\n    graceful_restart:\n      stale_routes_time: -1\n")),
            "t.yaml:6:26: groups[0].graceful_restart.stale_routes_time: expected 0..65535 (seconds), "
            "found -1");
  // Deferral is process-wide: a group cannot set it.
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - name: A\n    graceful_restart: {select_defer_time: 5}\n")),
            "t.yaml:5:24: groups[0].graceful_restart: expected one of enabled, restart_time, "
            "stale_routes_time, notification, found unknown key \"select_defer_time\"");
}

TEST(GracefulRestartConfig, WriterRoundTripsBlocksAndOverrides) {
  Config c = DefaultConfig(FakeEnv({}));
  c.graceful_restart.restart_time = 90;
  c.graceful_restart.select_defer_time = 0;
  c.groups[0].graceful_restart = c.graceful_restart;
  c.groups[0].graceful_restart.enabled = false;
  c.groups[0].graceful_restart.stale_routes_time = 10;
  for (YamlStyle style : {YamlStyle::kPlain, YamlStyle::kCommented}) {
    const std::string yaml = ConfigToYaml(c, style);
    auto parsed = ParseConfig(yaml, "<default>", FakeEnv({}));
    ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << yaml;
    EXPECT_EQ(*parsed, c) << yaml;
  }
  EXPECT_NE(DefaultConfigYaml().find("graceful_restart:"), std::string::npos);
}

}  // namespace
}  // namespace meshbgp::config
