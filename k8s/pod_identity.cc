#include "k8s/pod_identity.h"

#include <cstdlib>

namespace meshbgp::k8s {

std::string PodIdentity::Describe() const {
  std::string out = name_space;
  if (!name.empty()) out += (out.empty() ? "" : "/") + name;
  if (!node.empty()) out += (out.empty() ? "node " : " on node ") + node;
  if (!ip.empty()) out += (out.empty() ? "ip " : ", ip ") + ip;
  return out;
}

PodIdentity PodIdentityFromEnv(const EnvLookup& env) {
  auto get = [&](const char* key) { return env(key).value_or(""); };
  return {get("POD_IP"), get("POD_NAME"), get("POD_NAMESPACE"), get("NODE_NAME")};
}

PodIdentity PodIdentityFromEnv() {
  return PodIdentityFromEnv([](const char* key) -> std::optional<std::string> {
    const char* v = std::getenv(key);
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  });
}

}  // namespace meshbgp::k8s
