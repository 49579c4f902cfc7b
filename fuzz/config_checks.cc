#include "fuzz/config_checks.h"

#include <cstdio>

#include "bgpd/config/config_load.h"
#include "bgpd/config/config_writer.h"
#include "fuzz/fuzz_check.h"
#include "tests/unit/config/test_env.h"

namespace meshbgp::fuzz {

void CheckConfigRoundTrip(const config::Config& c) {
  for (auto style : {config::YamlStyle::kPlain, config::YamlStyle::kCommented}) {
    const std::string yaml = config::ConfigToYaml(c, style);
    auto again = config::ParseConfig(yaml, "written.yaml", config::testing::FakeEnv({}));
    if (!again.ok()) std::fprintf(stderr, "%s\n%s\n", again.status().ToString().c_str(), yaml.c_str());
    FUZZ_CHECK(again.ok());
    if (!(*again == c)) std::fprintf(stderr, "not read back equal:\n%s\n", yaml.c_str());
    FUZZ_CHECK(*again == c);
  }
}

}  // namespace meshbgp::fuzz
