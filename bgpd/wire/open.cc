#include "bgpd/wire/open.h"

#include <string>

#include "bgpd/wire/bytes.h"
#include "bgpd/wire/header.h"

namespace meshbgp::wire {

Result<Open> DecodeOpen(std::span<const uint8_t> body) {
  if (body.size() < 10) {
    return MakeError(ErrorCode::kMessageHeader, header_error::kBadMessageLength,
                     "OPEN body shorter than 10 bytes", U16Bytes(body.size() + kHeaderSize));
  }
  Open o;
  o.version = body[0];
  o.my_as = GetU16(&body[1]);
  o.hold_time = GetU16(&body[3]);
  o.bgp_id = GetU32(&body[5]);
  if (o.version != 4) {
    return MakeError(ErrorCode::kOpenMessage, open_error::kUnsupportedVersion,
                     "unsupported BGP version " + std::to_string(o.version), {0, 4});
  }
  if (o.my_as == 0) {
    return MakeError(ErrorCode::kOpenMessage, open_error::kBadPeerAs, "My AS is 0");
  }
  if (o.hold_time == 1 || o.hold_time == 2) {
    return MakeError(ErrorCode::kOpenMessage, open_error::kUnacceptableHoldTime,
                     "hold time " + std::to_string(o.hold_time) + " is below 3 seconds");
  }
  if (o.bgp_id == 0) {
    return MakeError(ErrorCode::kOpenMessage, open_error::kBadBgpIdentifier,
                     "BGP Identifier is 0");
  }
  auto caps = DecodeOptionalParameters(body.subspan(9));
  if (!caps.ok()) return caps.error();
  o.caps = std::move(*caps);
  return o;
}

std::vector<uint8_t> EncodeOpen(const Open& o) {
  std::vector<uint8_t> out(kHeaderSize);
  out.push_back(o.version);
  uint16_t my_as = o.my_as;
  if (my_as == 0 && o.caps.four_octet_as) my_as = MyAsField(*o.caps.four_octet_as);
  AppendU16(out, my_as);
  AppendU16(out, o.hold_time);
  AppendU32(out, o.bgp_id);
  EncodeOptionalParameters(o.caps, out);
  WriteHeader(MessageType::kOpen, out.size(), out.data());
  return out;
}

}  // namespace meshbgp::wire
