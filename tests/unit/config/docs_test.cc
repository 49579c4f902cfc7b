// docs/configuration.md is executable: every ```yaml block in it parses,
// except those followed by a ``` block, which must fail with exactly the
// error text shown there.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/unit/config/parse_helpers.h"

namespace meshbgp::config {
namespace {

struct Block {
  std::string info;  // "yaml" or ""
  std::string text;
  int line = 0;      // of the opening fence
};

std::vector<Block> FencedBlocks(const std::string& markdown) {
  std::vector<Block> blocks;
  std::istringstream in(markdown);
  std::string line;
  int n = 0;
  Block* open = nullptr;
  while (std::getline(in, line)) {
    ++n;
    if (line.rfind("```", 0) == 0) {
      if (open == nullptr) {
        blocks.push_back({line.substr(3), "", n});
        open = &blocks.back();
      } else {
        open = nullptr;
      }
    } else if (open != nullptr) {
      open->text += line + "\n";
    }
  }
  return blocks;
}

TEST(Docs, ConfigurationExamplesParseOrFailAsShown) {
  const char* env_dir = std::getenv("MESHBGP_SOURCE_DIR");
  const std::string path =
      std::string(env_dir != nullptr ? env_dir : MESHBGP_SOURCE_DIR) + "/docs/configuration.md";
  std::ifstream file(path);
  ASSERT_TRUE(file) << "cannot open " << path;
  std::stringstream markdown;
  markdown << file.rdbuf();
  const std::vector<Block> blocks = FencedBlocks(markdown.str());
  const auto env = testing::FakeEnv({{"POD_IP", "10.244.0.9"}});
  int parsed = 0, failed = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].info != "yaml") continue;
    const bool expect_error = i + 1 < blocks.size() && blocks[i + 1].info.empty() &&
                              blocks[i + 1].line <= blocks[i].line + 2 +
                                  static_cast<int>(std::count(blocks[i].text.begin(),
                                                              blocks[i].text.end(), '\n'));
    auto c = ParseConfig(blocks[i].text, "bgpd.yaml", env);
    if (expect_error) {
      ++failed;
      ASSERT_FALSE(c.ok()) << "block at line " << blocks[i].line << " should fail";
      EXPECT_EQ(std::string(c.status().message()) + "\n", blocks[i + 1].text)
          << "block at line " << blocks[i].line;
    } else {
      ++parsed;
      EXPECT_TRUE(c.ok()) << "block at line " << blocks[i].line << ": " << c.status();
    }
  }
  EXPECT_GE(parsed, 5);
  EXPECT_GE(failed, 1);
}

}  // namespace
}  // namespace meshbgp::config
