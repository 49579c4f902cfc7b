// What a parsed configuration must satisfy under fuzzing: written back as
// native YAML (both styles) it parses to an equal Config, the property
// `bgpd --print-config` relies on.
#pragma once

#include "bgpd/config/config.h"
#include "bgpd/config/env_expand.h"

namespace meshbgp::fuzz {

// `env` is the environment the text was read with (defaults use it).
void CheckConfigRoundTrip(const config::Config& c, const config::EnvLookup& env);

}  // namespace meshbgp::fuzz
