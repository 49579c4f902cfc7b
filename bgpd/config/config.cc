#include "bgpd/config/config.h"

namespace meshbgp::config {

const Group* Config::FindGroup(std::string_view name) const {
  for (const Group& g : groups) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

std::string Config::PasswordOf(const Neighbor& n) const {
  if (n.password) return *n.password;
  const Group* g = FindGroup(n.group);
  return g ? g->password : std::string();
}

}  // namespace meshbgp::config
