// Fuzz target: one OPEN body (after the 19-byte header), decoded and re-encoded (see
// message_checks.h for the invariants).
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz/message_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  meshbgp::fuzz::CheckOpen(std::span<const uint8_t>(data, size));
  return 0;
}
