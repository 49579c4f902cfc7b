// What a parsed configuration must satisfy under fuzzing: written back as
// native YAML (both styles) it parses to an equal Config, the property
// `bgpd --print-config` relies on.
#pragma once

#include "bgpd/config/config.h"

namespace meshbgp::fuzz {

void CheckConfigRoundTrip(const config::Config& c);

}  // namespace meshbgp::fuzz
