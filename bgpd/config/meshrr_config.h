// meshrr's ConfigMap (`bgpd --meshrr-config meshrr.conf.yml`): the file
// meshrr mounts at /opt/meshrr/conf/meshrr.conf.yml, read as is and mapped
// onto the native model (CONFIG.md §2), so that a meshrr deployment can
// swap cRPD + sidecar for bgpd without touching its ConfigMap. The result
// has passed ValidateConfig. Errors are "FILE:LINE:COL: PATH: expected
// ..., found ...", one per line, like the native loader's.
#pragma once

#include <string>
#include <string_view>

#include <absl/status/statusor.h>

#include "bgpd/config/config.h"
#include "bgpd/config/env_expand.h"

namespace meshbgp::config {

// `env` supplies POD_IP (router id, and cluster id in ipv4rr mode). The
// text is not ${VAR}-expanded: meshrr does not expand it either.
absl::StatusOr<Config> ParseMeshrrConfig(std::string_view yaml, std::string_view origin,
                                         const EnvLookup& env);
absl::StatusOr<Config> LoadMeshrrConfigFile(const std::string& path, const EnvLookup& env);
// The process environment.
absl::StatusOr<Config> LoadMeshrrConfigFile(const std::string& path);

}  // namespace meshbgp::config
