// The container image's entrypoint: which command a meshbgp container runs.
// With no arguments it picks bgpd's configuration by what the pod mounted:
// meshrr's ConfigMap file (so the image drops into meshrr's StatefulSets
// unchanged) before the native file the Helm chart mounts. Arguments that
// start with '-' are bgpd's; anything else is a command of its own
// (`bgpctl show summary`). Pure: the file test is passed in.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace meshbgp::entrypoint {

inline constexpr char kBgpd[] = "/usr/bin/bgpd";
inline constexpr char kNativeConfig[] = "/etc/meshbgp/bgpd.yaml";
inline constexpr char kMeshrrConfig[] = "/opt/meshrr/conf/meshrr.conf.yml";

using FileExists = std::function<bool(const std::string& path)>;

// The argv to exec; its first element is an absolute path or a name to look
// up in PATH. An error when there are no arguments and no file is mounted.
absl::StatusOr<std::vector<std::string>> EntrypointCommand(const std::vector<std::string>& args,
                                                           const FileExists& exists);

}  // namespace meshbgp::entrypoint
