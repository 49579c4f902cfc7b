// Reads the captured message files in tests/unit/golden (made by
// capture.sh): "# description" lines, each followed by one whole BGP
// message in hex. Shared by the wire and evpn golden tests.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bgpd/wire/hex.h"

namespace meshbgp::golden {

struct Message {
  std::string description;  // the "# ..." line before it
  std::vector<uint8_t> bytes;
};

inline std::string Dir() {
  if (const char* src = std::getenv("MESHBGP_SOURCE_DIR")) return std::string(src) + "/tests/unit/golden";
  return MESHBGP_GOLDEN_DIR;
}

inline std::vector<Message> Load(const std::string& name) {
  std::ifstream in(Dir() + "/" + name);
  EXPECT_TRUE(in.good()) << "cannot read " << Dir() << "/" << name;
  std::vector<Message> out;
  std::string line, description;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line[0] == '#') {
      description = line;
      continue;
    }
    auto bytes = wire::FromHex(line);
    EXPECT_TRUE(bytes) << name << ": bad hex after " << description;
    if (bytes) out.push_back({description, std::move(*bytes)});
  }
  return out;
}

}  // namespace meshbgp::golden
