// The 19-byte BGP message header (RFC 4271 §4.1): marker, length, type.
// DecodeHeader applies every check §6.1 asks for, so a session can frame
// the byte stream and hand each body to its type's decoder.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "bgpd/wire/result.h"
#include "bgpd/wire/types.h"

namespace meshbgp::wire {

struct Header {
  MessageType type;
  uint16_t length;  // whole message, header included
};

// Checks the marker (1/1), the length against 19..max_message_size and the
// type's own minimum (1/2, data = the length field) and the type (1/3, data =
// the type byte). OPEN and KEEPALIVE never exceed 4096 even when extended
// messages were negotiated (RFC 8654 §4). ROUTE-REFRESH only needs >= 23
// here: a longer one gets 7/1 from DecodeRouteRefresh (RFC 7313 §5).
Result<Header> DecodeHeader(std::span<const uint8_t> first19, size_t max_message_size);

void WriteHeader(MessageType type, size_t total_len, uint8_t* out19);
std::vector<uint8_t> EncodeKeepalive();

// A complete message with an all-ones marker around `body`.
std::vector<uint8_t> EncodeMessage(MessageType type, std::span<const uint8_t> body);

}  // namespace meshbgp::wire
