// Fuzz target: one UPDATE body. The first byte picks the session it
// arrived on (4-octet AS or not, iBGP or eBGP), because AS_PATH, AS4_* and
// LOCAL_PREF are handled differently on each; the rest is the body.
#include <cstddef>
#include <cstdint>
#include <span>

#include "fuzz/message_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  meshbgp::wire::DecodeOptions opts;
  opts.four_octet_as = (data[0] & 1) == 0;
  opts.ibgp = (data[0] & 2) != 0;
  meshbgp::fuzz::CheckUpdate(std::span<const uint8_t>(data + 1, size - 1), opts);
  return 0;
}
