// AS numbers as operators write them: asplain (4259840001) or asdot
// (65000.1 = 65000 * 65536 + 1), single or as a range ("65001-65535").
// ParseAsn and AsnToString are declared in config.h.
#pragma once

#include <string>
#include <string_view>

#include <absl/status/statusor.h>

#include "bgpd/config/config.h"

namespace meshbgp::config {

// "65001-65535", "65000.1-65000.20" or a single AS ("65010" = 65010-65010).
// Errors say what was expected and found, without a position.
absl::StatusOr<AsRange> ParseAsRange(std::string_view text);
// "65001-65535", or "65010" when low == high.
std::string AsRangeToString(const AsRange& range);

}  // namespace meshbgp::config
