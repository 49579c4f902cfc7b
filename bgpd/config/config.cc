#include "bgpd/config/config.h"

namespace meshbgp::config {

const Group* Config::FindGroup(std::string_view name) const {
  for (const Group& g : groups) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

}  // namespace meshbgp::config
