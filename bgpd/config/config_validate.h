// The rules a whole configuration must satisfy (docs/configuration.md,
// "Rules"): required keys, unique names, references between groups and
// neighbors, allow ranges that do not overlap between groups, and each
// value's own rule again for configurations built in code (the meshrr
// mapping, DefaultConfig). All violations are reported, one per line.
#pragma once

#include <absl/status/status.h>

#include "bgpd/config/config.h"
#include "bgpd/config/source_map.h"

namespace meshbgp::config {

// Errors point at the positions recorded in `sources` (the YAML reader's).
absl::Status ValidateConfig(const Config& config, const SourceMap& sources);
// For a Config built in code: errors name config.source and the key path.
absl::Status ValidateConfig(const Config& config);

}  // namespace meshbgp::config
