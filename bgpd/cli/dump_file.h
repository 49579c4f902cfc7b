// bgpctl's side of `dump rib FILE`: the daemon sends the MRT bytes, bgpctl
// writes them where the operator is, so the daemon never writes to a path
// a client chose.
#pragma once

#include <string>

#include <absl/status/status.h>

namespace meshbgp::cli {

// Writes `bytes` to `path` ("-": standard output) through a temporary file
// in the same directory, renamed into place once complete.
absl::Status WriteDumpFile(const std::string& path, const std::string& bytes);

}  // namespace meshbgp::cli
