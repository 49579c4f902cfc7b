// Secrets in a configuration (TCP MD5 passwords) replaced by a marker, for
// everything that shows a configuration to a person: `bgpd --print-config`,
// logs, the control API. The running daemon keeps the real values.
#pragma once

#include <string_view>

#include "bgpd/config/config.h"

namespace meshbgp::config {

// What a non-empty secret reads as once redacted. An empty password stays
// empty: "no password" is not a secret.
inline constexpr std::string_view kRedacted = "<redacted>";

Config RedactSecrets(Config config);

}  // namespace meshbgp::config
