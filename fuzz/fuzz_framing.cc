// Fuzz target: a byte stream as a session reads it. Messages are framed
// the way Session::ProcessBuffer does (DecodeHeader on each 19-byte
// header, then the whole message) and each body goes to its type's
// checks. The first byte picks what the session negotiated: extended
// messages (65535) or not (4096), 4-octet AS or not.
#include <cstddef>
#include <cstdint>
#include <span>

#include "bgpd/wire/header.h"
#include "fuzz/fuzz_check.h"
#include "fuzz/message_checks.h"

using namespace meshbgp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t max = (data[0] & 1) ? wire::kMaxExtendedMessageSize : wire::kMaxMessageSize;
  wire::DecodeOptions opts;
  opts.four_octet_as = (data[0] & 2) == 0;
  std::span<const uint8_t> stream(data + 1, size - 1);
  while (stream.size() >= wire::kHeaderSize) {
    auto h = wire::DecodeHeader(stream.first(wire::kHeaderSize), max);
    if (!h.ok()) {
      FUZZ_CHECK(h.error().notification.code ==
                 static_cast<uint8_t>(wire::ErrorCode::kMessageHeader));
      return 0;
    }
    FUZZ_CHECK(h->length >= wire::kHeaderSize && h->length <= max);
    if (stream.size() < h->length) return 0;
    const auto body = stream.subspan(wire::kHeaderSize, h->length - wire::kHeaderSize);
    switch (h->type) {
      case wire::MessageType::kOpen:
        fuzz::CheckOpen(body);
        break;
      case wire::MessageType::kUpdate:
        fuzz::CheckUpdate(body, opts);
        break;
      case wire::MessageType::kNotification:
        fuzz::CheckNotification(body);
        break;
      case wire::MessageType::kKeepalive:
        FUZZ_CHECK(body.empty());
        break;
      case wire::MessageType::kRouteRefresh:
        fuzz::CheckRouteRefresh(body);
        break;
    }
    stream = stream.subspan(h->length);
  }
  return 0;
}
