#include "bgpd/cli/default_socket.h"

#include <cstdlib>

#include "bgpd/config/config.h"

namespace meshbgp::cli {

std::string DefaultSocketPath() {
  if (const char* env = std::getenv("MESHBGP_SOCKET"); env != nullptr && *env != '\0') return env;
  return config::DefaultConfig().api.socket;
}

}  // namespace meshbgp::cli
