// The addresses that are "us", which a mesh group must never peer with:
// every address on a local interface plus $POD_IP (in Kubernetes the pod IP
// is on an interface anyway; reading it too covers host-network oddities).
#pragma once

#include <string_view>
#include <vector>

#include <absl/status/statusor.h>

#include "mesh/peer_set.h"

namespace meshbgp::mesh {

// Sorted, unique. IPv6 scope ids are dropped so link-local addresses compare
// equal to what DNS returns. Fails only if getifaddrs() fails.
absl::StatusOr<std::vector<Address>> LocalAddresses();

// Like LocalAddresses() but also adds `pod_ip` when it parses (the caller
// passes getenv("POD_IP"); empty or garbage is ignored).
absl::StatusOr<std::vector<Address>> LocalAddresses(std::string_view pod_ip);

}  // namespace meshbgp::mesh
