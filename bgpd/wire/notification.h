// NOTIFICATION messages (RFC 4271 §4.5): codec, the RFC 9003 shutdown
// communication, and the words an operator reads in logs and bgpctl.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "bgpd/wire/result.h"
#include "bgpd/wire/types.h"

namespace meshbgp::wire {

// `body` is the message after its header (at least 2 bytes; else 1/2).
Result<Notification> DecodeNotification(std::span<const uint8_t> body);
std::vector<uint8_t> EncodeNotification(const Notification& n);

inline constexpr size_t kMaxShutdownMessage = 255;  // RFC 9003 §2

// Cease with `cease_subcode`. For Administrative Shutdown (2) and Reset (4)
// the data is the RFC 9003 communication: a length octet and UTF-8 text,
// cut to 255 octets on a character boundary. Other subcodes carry no data.
Notification ShutdownNotification(uint8_t cease_subcode, std::string_view message);

// The RFC 9003 communication in `n`, if it is a Cease 2/4 with a
// well-formed one (length fits, valid UTF-8).
std::optional<std::string> ShutdownMessage(const Notification& n);

// e.g. `Cease / Administrative Shutdown: "maintenance"`,
// `OPEN Message Error / Unsupported Version Number, data 0004`; unknown
// codes and subcodes appear as numbers.
std::string DescribeNotification(const Notification& n);

}  // namespace meshbgp::wire
