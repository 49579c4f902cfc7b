#include "k8s/pod_identity.h"

#include <map>

#include <gtest/gtest.h>

namespace meshbgp::k8s {
namespace {

EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const char* key) -> std::optional<std::string> {
    auto it = vars.find(key);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

TEST(PodIdentity, ReadsTheDownwardApiVariables) {
  const PodIdentity id = PodIdentityFromEnv(Env({{"POD_IP", "10.244.1.7"},
                                                 {"POD_NAME", "routeserver-a-0"},
                                                 {"POD_NAMESPACE", "dci"},
                                                 {"NODE_NAME", "worker-3"}}));
  EXPECT_EQ(id.ip, "10.244.1.7");
  EXPECT_EQ(id.name, "routeserver-a-0");
  EXPECT_EQ(id.name_space, "dci");
  EXPECT_EQ(id.node, "worker-3");
  EXPECT_EQ(id.Describe(), "dci/routeserver-a-0 on node worker-3, ip 10.244.1.7");
}

TEST(PodIdentity, OutsideKubernetesIsEmpty) {
  const PodIdentity id = PodIdentityFromEnv(Env({}));
  EXPECT_TRUE(id.empty());
  EXPECT_EQ(id.Describe(), "");
  EXPECT_EQ(PodIdentityFromEnv(Env({{"NODE_NAME", "n1"}})).Describe(), "node n1");
  EXPECT_EQ(PodIdentityFromEnv(Env({{"POD_NAME", "p"}, {"POD_IP", "10.0.0.1"}})).Describe(),
            "p, ip 10.0.0.1");
}

}  // namespace
}  // namespace meshbgp::k8s
