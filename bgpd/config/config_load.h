// Loading a native YAML configuration: expand ${VAR}, parse the YAML, read
// the schema, validate. ParseConfig(text, origin) and LoadConfigFile(path)
// in config.h use the process environment; these take it as a parameter.
#pragma once

#include <string>
#include <string_view>

#include <absl/status/statusor.h>

#include "bgpd/config/config.h"
#include "bgpd/config/env_expand.h"

namespace meshbgp::config {

absl::StatusOr<Config> ParseConfig(std::string_view yaml_text, std::string_view origin,
                                   const EnvLookup& env);
absl::StatusOr<Config> LoadConfigFile(const std::string& path, const EnvLookup& env);

// Reads a whole file. NotFound / PermissionDenied / InvalidArgument (a
// directory, too large) with "PATH: cannot read ...: REASON".
absl::StatusOr<std::string> ReadConfigText(const std::string& path);

}  // namespace meshbgp::config
