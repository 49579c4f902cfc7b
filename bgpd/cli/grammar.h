// bgpctl's command line: options (-s SOCKET, -j) and an OpenBGPD-like
// command grammar in which every keyword may be shortened to any unique
// prefix ("sh su" = "show summary"). Pure: no I/O, unit tested.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <absl/status/statusor.h>

#include "bgpd/api/control_backend.h"

namespace meshbgp::cli {

struct Command {
  enum class Kind {
    kShowSummary,
    kShowNeighbor,    // address: one neighbor, or all
    kShowRib,         // rib (family evpn: show evpn)
    kShowStatus,
    kShowMesh,
    kNeighborAction,  // address + action
    kReload,
    kHelp,
  };
  Kind kind = Kind::kHelp;
  std::optional<std::string> address;
  std::string action;  // clear | down | up
  api::RibQuery rib;
};

struct Invocation {
  std::optional<std::string> socket;  // -s; else the default socket
  bool json = false;                  // -j: print the daemon's JSON
  Command command;
};

// `args` excludes argv[0]. Errors (InvalidArgument) say what was expected.
absl::StatusOr<Invocation> ParseCommandLine(const std::vector<std::string>& args);

// The synopsis printed by `bgpctl help`.
std::string UsageText();

}  // namespace meshbgp::cli
