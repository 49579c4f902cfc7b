#include "bgpd/wire/header.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "bgpd/wire/bytes.h"

namespace meshbgp::wire {
namespace {
size_t MinLength(MessageType t) {
  switch (t) {
    case MessageType::kOpen:
      return 29;
    case MessageType::kUpdate:
      return 23;
    case MessageType::kNotification:
      return 21;
    case MessageType::kKeepalive:
      return 19;
    case MessageType::kRouteRefresh:
      return 23;
  }
  return kHeaderSize;
}
}  // namespace

Result<Header> DecodeHeader(std::span<const uint8_t> h, size_t max_message_size) {
  if (h.size() < kHeaderSize) {
    return MakeError(ErrorCode::kMessageHeader, header_error::kBadMessageLength,
                     "header shorter than 19 bytes");
  }
  if (!std::all_of(h.begin(), h.begin() + 16, [](uint8_t b) { return b == 0xff; })) {
    return MakeError(ErrorCode::kMessageHeader, header_error::kConnectionNotSynchronized,
                     "marker is not all ones");
  }
  uint16_t len = GetU16(&h[16]);
  uint8_t type = h[18];
  if (type < 1 || type > 5) {
    return MakeError(ErrorCode::kMessageHeader, header_error::kBadMessageType,
                     "unknown message type " + std::to_string(type), {type});
  }
  auto t = static_cast<MessageType>(type);
  size_t max = max_message_size;
  if (t == MessageType::kOpen || t == MessageType::kKeepalive) max = std::min(max, kMaxMessageSize);
  bool bad = len < MinLength(t) || len > max || (t == MessageType::kKeepalive && len != 19);
  if (bad) {
    return MakeError(ErrorCode::kMessageHeader, header_error::kBadMessageLength,
                     "bad length " + std::to_string(len) + " for message type " +
                         std::to_string(type),
                     {h[16], h[17]});
  }
  return Header{t, len};
}

void WriteHeader(MessageType type, size_t total_len, uint8_t* out19) {
  std::memset(out19, 0xff, 16);
  PutU16(out19 + 16, static_cast<uint16_t>(total_len));
  out19[18] = static_cast<uint8_t>(type);
}

std::vector<uint8_t> EncodeMessage(MessageType type, std::span<const uint8_t> body) {
  std::vector<uint8_t> out(kHeaderSize + body.size());
  WriteHeader(type, out.size(), out.data());
  std::copy(body.begin(), body.end(), out.begin() + kHeaderSize);
  return out;
}

std::vector<uint8_t> EncodeKeepalive() { return EncodeMessage(MessageType::kKeepalive, {}); }

}  // namespace meshbgp::wire
