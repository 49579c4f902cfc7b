// Where bgpctl looks for the daemon when -s is not given: $MESHBGP_SOCKET,
// else the API socket of the embedded default configuration (the same path
// a bgpd started without -c listens on).
#pragma once

#include <string>

namespace meshbgp::cli {

std::string DefaultSocketPath();

}  // namespace meshbgp::cli
