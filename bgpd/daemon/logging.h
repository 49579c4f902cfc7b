// Log set-up: text or JSON lines on stderr, the pod name in every line when
// running in Kubernetes, and the level from config or the command line.
#pragma once

#include <string>

#include <absl/status/status.h>

namespace meshbgp::daemon {

absl::Status SetupLogging(const std::string& level, const std::string& format);

}  // namespace meshbgp::daemon
