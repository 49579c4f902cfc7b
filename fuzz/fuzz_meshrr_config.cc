// Fuzz target: meshrr's ConfigMap (bgpd --meshrr-config). Whatever loads
// must be expressible as native YAML that loads to the same Config.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bgpd/config/meshrr_config.h"
#include "fuzz/config_checks.h"
#include "tests/unit/config/test_env.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace meshbgp;
  static const config::EnvLookup env = config::testing::FakeEnv({{"POD_IP", "10.244.1.7"}});
  auto c = config::ParseMeshrrConfig(std::string_view(reinterpret_cast<const char*>(data), size),
                                     "meshrr.conf.yml", env);
  if (c.ok()) fuzz::CheckConfigRoundTrip(*c, env);
  return 0;
}
