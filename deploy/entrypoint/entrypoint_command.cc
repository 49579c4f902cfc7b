#include "deploy/entrypoint/entrypoint_command.h"

#include "absl/strings/str_cat.h"

namespace meshbgp::entrypoint {

absl::StatusOr<std::vector<std::string>> EntrypointCommand(const std::vector<std::string>& args,
                                                           const FileExists& exists) {
  if (!args.empty()) {
    if (!args.front().empty() && args.front().front() == '-') {
      std::vector<std::string> argv{kBgpd};
      argv.insert(argv.end(), args.begin(), args.end());
      return argv;
    }
    return args;
  }
  // meshrr's file wins: a meshrr StatefulSet mounts only that one, and a pod
  // that mounts both was written for meshrr first.
  if (exists(kMeshrrConfig)) return std::vector<std::string>{kBgpd, "--meshrr-config", kMeshrrConfig};
  if (exists(kNativeConfig)) return std::vector<std::string>{kBgpd, "-c", kNativeConfig};
  return absl::FailedPreconditionError(absl::StrCat(
      "no configuration mounted: mount bgpd's at ", kNativeConfig, " or meshrr's ConfigMap at ",
      kMeshrrConfig, ", or give bgpd's arguments (e.g. -c FILE)"));
}

}  // namespace meshbgp::entrypoint
