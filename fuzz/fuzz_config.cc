// Fuzz target: a native YAML configuration file (bgpd -c), with ${VAR}
// expansion from a fixed environment. Whatever loads must round-trip
// through the writer (config_checks.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bgpd/config/config_load.h"
#include "fuzz/config_checks.h"
#include "tests/unit/config/test_env.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace meshbgp;
  static const config::EnvLookup env =
      config::testing::FakeEnv({{"POD_IP", "10.244.1.7"}, {"ASN", "65000"}, {"PEER", "10.0.0.2"}});
  auto c = config::ParseConfig(std::string_view(reinterpret_cast<const char*>(data), size),
                               "fuzz.yaml", env);
  if (c.ok()) fuzz::CheckConfigRoundTrip(*c, env);
  return 0;
}
