// The native YAML schema (CONFIG.md §1): which key fills which field of
// Config, and the defaults of keys left out. Values are checked one by one
// here, at their line; rules between values are config_validate's.
#pragma once

#include <yaml-cpp/yaml.h>

#include "bgpd/config/config.h"
#include "bgpd/config/env_expand.h"
#include "bgpd/config/yaml_reader.h"

namespace meshbgp::config {

// Reads the document `root`. Problems are recorded in `reader`; the result
// is only meaningful when reader.ok(). `env` supplies the defaults that
// come from the environment (router_id from POD_IP, the API socket
// directory).
Config ReadConfig(YamlReader& reader, const YAML::Node& root, const EnvLookup& env);

}  // namespace meshbgp::config
