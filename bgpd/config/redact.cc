#include "bgpd/config/redact.h"

namespace meshbgp::config {

namespace {
void Redact(std::string& secret) {
  if (!secret.empty()) secret = std::string(kRedacted);
}
}  // namespace

Config RedactSecrets(Config config) {
  for (Group& g : config.groups) Redact(g.password);
  for (Neighbor& n : config.neighbors) {
    if (n.password) Redact(*n.password);
  }
  return config;
}

}  // namespace meshbgp::config
