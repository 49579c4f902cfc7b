// Loading one YAML document for a config reader: syntax errors become
// FILE:LINE:COL errors through the text's PositionMap, and no yaml-cpp
// exception leaves the module, whichever format reads the document.
#pragma once

#include <string_view>

#include <absl/functional/function_ref.h>
#include <absl/status/statusor.h>
#include <yaml-cpp/yaml.h>

#include "bgpd/config/config.h"
#include "bgpd/config/env_expand.h"

namespace meshbgp::config {

absl::StatusOr<Config> ReadYamlDocument(
    std::string_view text, std::string_view origin, const PositionMap& positions,
    absl::FunctionRef<absl::StatusOr<Config>(const YAML::Node& root)> read);

}  // namespace meshbgp::config
