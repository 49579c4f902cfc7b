// Who this pod is, from the Downward API environment (CONFIG.md §3):
// POD_IP, POD_NAME, POD_NAMESPACE, NODE_NAME. Read once at start for logs
// and `bgpctl show status`; outside Kubernetes every field is empty.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace meshbgp::k8s {

struct PodIdentity {
  std::string ip;
  std::string name;
  std::string name_space;  // "namespace" is a keyword
  std::string node;

  bool empty() const { return ip.empty() && name.empty() && name_space.empty() && node.empty(); }
  // "NAMESPACE/NAME on node NODE, ip IP", leaving out what is unknown.
  std::string Describe() const;
};

using EnvLookup = std::function<std::optional<std::string>(const char*)>;

PodIdentity PodIdentityFromEnv(const EnvLookup& env);
PodIdentity PodIdentityFromEnv();  // the process environment

}  // namespace meshbgp::k8s
