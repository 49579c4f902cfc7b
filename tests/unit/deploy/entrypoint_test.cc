#include "deploy/entrypoint/entrypoint_command.h"

#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace meshbgp::entrypoint {
namespace {

using ::testing::ElementsAre;

FileExists Mounted(std::set<std::string> files) {
  return [files](const std::string& p) { return files.count(p) > 0; };
}

TEST(EntrypointCommand, NativeConfigWhenOnlyItIsMounted) {
  auto argv = EntrypointCommand({}, Mounted({kNativeConfig}));
  ASSERT_TRUE(argv.ok()) << argv.status();
  EXPECT_THAT(*argv, ElementsAre("/usr/bin/bgpd", "-c", "/etc/meshbgp/bgpd.yaml"));
}

TEST(EntrypointCommand, MeshrrConfigMapWinsWhenMounted) {
  for (auto files : {std::set<std::string>{kMeshrrConfig}, std::set<std::string>{kMeshrrConfig, kNativeConfig}}) {
    auto argv = EntrypointCommand({}, Mounted(files));
    ASSERT_TRUE(argv.ok()) << argv.status();
    EXPECT_THAT(*argv, ElementsAre("/usr/bin/bgpd", "--meshrr-config", "/opt/meshrr/conf/meshrr.conf.yml"));
  }
}

TEST(EntrypointCommand, NothingMountedIsAnErrorNamingBothFiles) {
  auto argv = EntrypointCommand({}, Mounted({}));
  ASSERT_FALSE(argv.ok());
  EXPECT_THAT(std::string(argv.status().message()), ::testing::HasSubstr(kNativeConfig));
  EXPECT_THAT(std::string(argv.status().message()), ::testing::HasSubstr(kMeshrrConfig));
}

TEST(EntrypointCommand, OptionsGoToBgpdWhateverIsMounted) {
  auto argv = EntrypointCommand({"-c", "/etc/meshbgp/bgpd.yaml"}, Mounted({kMeshrrConfig}));
  ASSERT_TRUE(argv.ok());
  EXPECT_THAT(*argv, ElementsAre("/usr/bin/bgpd", "-c", "/etc/meshbgp/bgpd.yaml"));
  argv = EntrypointCommand({"--version"}, Mounted({}));
  ASSERT_TRUE(argv.ok());
  EXPECT_THAT(*argv, ElementsAre("/usr/bin/bgpd", "--version"));
}

TEST(EntrypointCommand, OtherCommandsRunAsGiven) {
  auto argv = EntrypointCommand({"bgpctl", "show", "summary"}, Mounted({kNativeConfig}));
  ASSERT_TRUE(argv.ok());
  EXPECT_THAT(*argv, ElementsAre("bgpctl", "show", "summary"));
}

}  // namespace
}  // namespace meshbgp::entrypoint
