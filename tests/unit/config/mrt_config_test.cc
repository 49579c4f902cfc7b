// mrt.updates: the BGP4MP update log's keys, their rules and their errors.
#include <gtest/gtest.h>

#include "bgpd/config/config_validate.h"
#include "bgpd/config/config_writer.h"
#include "tests/unit/config/parse_helpers.h"

namespace meshbgp::config {
namespace {

TEST(MrtConfig, OffByDefault) {
  EXPECT_EQ(Parsed(WithHeader("")).mrt, MrtConfig{});
  EXPECT_EQ(ConfigToYaml(Parsed(WithHeader(""))).find("mrt"), std::string::npos);
}

TEST(MrtConfig, ReadsEveryKey) {
  const Config c = Parsed(WithHeader(
      "mrt:\n  updates:\n    file: /var/lib/meshbgp/updates.%Y%m%d.%H%M.mrt\n    interval: 5m\n"
      "    max_files: 288\n"));
  EXPECT_EQ(c.mrt.updates.file, "/var/lib/meshbgp/updates.%Y%m%d.%H%M.mrt");
  EXPECT_EQ(c.mrt.updates.interval, std::chrono::seconds(300));
  EXPECT_EQ(c.mrt.updates.max_files, 288u);
  // No rotation: one file, named when the log opens.
  const Config once = Parsed(WithHeader("mrt: {updates: {file: /tmp/u.mrt}}\n"));
  EXPECT_EQ(once.mrt.updates.interval.count(), 0);
}

TEST(MrtConfig, WrittenConfigReadsBackEqual) {
  const Config c = Parsed(WithHeader("mrt: {updates: {file: \"u.%s.mrt\", interval: 2s, max_files: 3}}\n"));
  auto again = ParseConfig(ConfigToYaml(c), "again.yaml", FakeEnv({}));
  ASSERT_TRUE(again.ok()) << again.status() << "\n" << ConfigToYaml(c);
  EXPECT_EQ(again->mrt, c.mrt);
  auto commented = ParseConfig(ConfigToYaml(c, YamlStyle::kCommented), "again.yaml", FakeEnv({}));
  ASSERT_TRUE(commented.ok()) << commented.status();
  EXPECT_EQ(commented->mrt, c.mrt);
}

// Each `mrt:` line (line 3 of the file) and the error it gets.
struct BadMrt {
  const char* yaml;
  const char* error;
};

constexpr BadMrt kBadMrt[] = {
    {"mrt: {updates: {file: \"u.%s\", interval: 1500ms}}",
     "t.yaml:3:41: mrt.updates.interval: expected 0s (never rotate) or a whole number of seconds from 1s "
     "to 24h, found 1500ms"},
    {"mrt: {updates: {file: \"u.%s\", interval: 25h}}",
     "t.yaml:3:41: mrt.updates.interval: expected a duration of at most 24h, found 25h"},
    {"mrt: {updates: {file: \"\"}}",
     "t.yaml:3:23: mrt.updates.file: expected a file name pattern of 1..4095 bytes, found \"\""},
    {"mrt: {updates: {fil: x}}",
     "t.yaml:3:17: mrt.updates: expected one of file, interval, max_files, found unknown key \"fil\" (did "
     "you mean \"file\"?)"},
    {"mrt: {update: {file: x}}",
     "t.yaml:3:7: mrt: expected one of updates, found unknown key \"update\" (did you mean \"updates\"?)"},
    // Rotation needs a pattern with a conversion, and a file at all.
    {"mrt: {updates: {file: /tmp/u.mrt, interval: 60s}}",
     "t.yaml:3:23: mrt.updates.file: expected a strftime pattern such as updates.%Y%m%d.%H%M%S.mrt when "
     "interval is set (each interval writes a file of its own), found /tmp/u.mrt"},
    {"mrt: {updates: {interval: 60s}}",
     "t.yaml:3:16: mrt.updates.file: expected a file name pattern when interval or max_files is set, "
     "found nothing"},
};

TEST(MrtConfig, BadValuesSayWhatWasExpected) {
  for (const BadMrt& bad : kBadMrt) EXPECT_EQ(ErrorOf(WithHeader(std::string(bad.yaml) + "\n")), bad.error);
}

TEST(MrtConfig, ValidateChecksConfigsBuiltInCode) {
  Config c = Parsed(WithHeader(""));
  c.mrt.updates = {"u.%s", std::chrono::milliseconds(10), 0};
  const absl::Status st = ValidateConfig(c);
  EXPECT_NE(std::string(st.message()).find("mrt.updates.interval: expected 0s (never rotate)"),
            std::string::npos)
      << st;
}

}  // namespace
}  // namespace meshbgp::config
