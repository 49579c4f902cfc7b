#include "bgpd/config/redact.h"

namespace meshbgp::config {

Config RedactSecrets(Config config) {
  for (Group& g : config.groups) {
    if (!g.password.empty()) g.password = std::string(kRedacted);
  }
  return config;
}

}  // namespace meshbgp::config
