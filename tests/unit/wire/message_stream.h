// What an encoder wrote, read back for its tests: the messages of a byte
// stream, framed by their headers, and its UPDATEs decoded. Anything that
// does not frame or decode fails the test (EXPECT) and ends the reading
// there, so a test sees the failure and what came before it.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <vector>

#include "bgpd/wire/header.h"
#include "bgpd/wire/update.h"

namespace meshbgp::wire::test {

struct FramedMessage {
  MessageType type;
  std::span<const uint8_t> bytes;  // the whole message, header included
  std::span<const uint8_t> body() const { return bytes.subspan(kHeaderSize); }
};

// Every message of `stream`, in order; the stream must end with a whole one.
inline std::vector<FramedMessage> SplitMessages(std::span<const uint8_t> stream,
                                                size_t max_message_size = kMaxMessageSize) {
  std::vector<FramedMessage> out;
  size_t at = 0;
  while (at < stream.size()) {
    if (stream.size() - at < kHeaderSize) {
      ADD_FAILURE() << "torn header at byte " << at;
      break;
    }
    auto h = DecodeHeader(stream.subspan(at, kHeaderSize), max_message_size);
    if (!h.ok()) {
      ADD_FAILURE() << "bad header at byte " << at << ": " << h.error().reason;
      break;
    }
    if (h->length > stream.size() - at) {
      ADD_FAILURE() << "message at byte " << at << " runs past the stream";
      break;
    }
    out.push_back({h->type, stream.subspan(at, h->length)});
    at += h->length;
  }
  return out;
}

// Every message of `stream` decoded as an UPDATE (any other type fails).
inline std::vector<Update> DecodeUpdates(std::span<const uint8_t> stream,
                                         size_t max_message_size = kMaxMessageSize,
                                         const DecodeOptions& options = {}) {
  std::vector<Update> out;
  for (const FramedMessage& m : SplitMessages(stream, max_message_size)) {
    if (m.type != MessageType::kUpdate) {
      ADD_FAILURE() << "message " << out.size() << " is of type " << static_cast<int>(m.type);
      break;
    }
    auto u = DecodeUpdate(m.body(), options);
    if (!u.ok()) {
      ADD_FAILURE() << "UPDATE " << out.size() << ": " << u.error().reason;
      break;
    }
    out.push_back(std::move(*u));
  }
  return out;
}

}  // namespace meshbgp::wire::test
