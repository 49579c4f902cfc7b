// Writes a Config as native YAML that ParseConfig reads back to an equal
// Config: `bgpd --print-config` (effective configuration) and
// `bgpd --print-default-config` (with a comment on every key).
#pragma once

#include <string>
#include <string_view>

#include "bgpd/config/config.h"

namespace meshbgp::config {

enum class YamlStyle { kPlain, kCommented };
std::string ConfigToYaml(const Config& config, YamlStyle style);

// A YAML scalar for `value`: plain when that is unambiguous, else
// double-quoted; `${` is written `$${` so that expansion gives it back.
std::string YamlScalar(std::string_view value);

}  // namespace meshbgp::config
