#include "fuzz/config_checks.h"

#include <cstdio>

#include "bgpd/config/config_load.h"
#include "bgpd/config/config_writer.h"
#include "fuzz/fuzz_check.h"

namespace meshbgp::fuzz {

void CheckConfigRoundTrip(const config::Config& c, const config::EnvLookup& env) {
  // What native YAML can say: not the file name, nor meshrr's
  // "subtractive" marking (docs/configuration.md: it has no native key).
  config::Config want = c;
  for (config::Group& g : want.groups) g.subtractive = false;
  for (auto style : {config::YamlStyle::kPlain, config::YamlStyle::kCommented}) {
    const std::string yaml = config::ConfigToYaml(c, style);
    auto again = config::ParseConfig(yaml, c.source, env);
    if (!again.ok()) std::fprintf(stderr, "%s\n%s\n", again.status().ToString().c_str(), yaml.c_str());
    FUZZ_CHECK(again.ok());
    if (!(*again == want)) {
      std::fprintf(stderr, "not read back equal:\n%s\nread back as:\n%s\n", yaml.c_str(),
                   config::ConfigToYaml(*again, config::YamlStyle::kPlain).c_str());
    }
    FUZZ_CHECK(*again == want);
  }
}

}  // namespace meshbgp::fuzz
