// Command-line options of meshbgp-loadgen: who the clients are (source
// addresses, ASNs), what they announce, where the route server is, and the
// sink mode that measures the harness alone.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <absl/status/statusor.h>

#include "bgpd/wire/types.h"

namespace meshbgp::loadgen {

struct Options {
  uint32_t rs_addr = 0;  // host order
  uint16_t rs_port = 179;
  uint32_t rs_as = 65000;
  std::vector<uint32_t> sources;  // one per client, host order
  uint32_t local_as_base = 65001;  // client i has AS local_as_base + i
  uint32_t prefixes = 10000;       // per client
  uint32_t prefix_base = 0x64000000;  // 100.0.0.0: first /24 of client 0
  double timeout_s = 120;          // from the first UPDATE written
  double connect_timeout_s = 60;   // until every session is Established
  uint16_t hold_time = 90;
  unsigned threads = 1;
  bool extended_message = false;   // offer RFC 8654 (65535-byte messages)
  wire::Family family = wire::Family::kIpv4Unicast;  // --family evpn: type-2 routes
  bool sink = false;               // also play the route server (see README)
  std::string sink_netns;          // open the sink's listener in this netns
  bool wait_stdin = false;         // after the report, keep sessions up until stdin closes
  bool verbose = false;

  size_t clients() const { return sources.size(); }
};

// Parses argv (argv[0] is skipped). --help yields a NotFound status whose
// message is the usage text.
absl::StatusOr<Options> ParseOptions(int argc, char** argv);
const char* Usage();

// "10.0.1.1-10.0.1.100" (inclusive) or "10.0.1.1" (with count = --clients).
absl::StatusOr<std::vector<uint32_t>> ParseSources(const std::string& text, size_t count);

}  // namespace meshbgp::loadgen
