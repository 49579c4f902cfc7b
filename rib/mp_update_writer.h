// Packs the routes of a multiprotocol family (RFC 4760; EVPN is the one we
// relay) into UPDATEs: announcements in MP_REACH_NLRI with the next hop as
// received, withdrawals in MP_UNREACH_NLRI. Routes are opaque byte strings
// (each a whole NLRI as received), so what was received is what is sent.
// Buffers are handed on in pieces of about kTargetBufferSize bytes, as
// UpdateWriter does for IPv4.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "bgpd/wire/types.h"

namespace meshbgp::rib {

using Buffer = std::shared_ptr<const std::vector<uint8_t>>;
using RawNlri = std::span<const uint8_t>;

class MpUpdateWriter {
 public:
  static constexpr size_t kTargetBufferSize = 64 * 1024;
  using Sink = std::function<void(Buffer)>;

  MpUpdateWriter(wire::AfiSafi afi_safi, size_t max_message_size, Sink sink);
  MpUpdateWriter(const MpUpdateWriter&) = delete;
  MpUpdateWriter& operator=(const MpUpdateWriter&) = delete;

  void Withdraw(std::span<const RawNlri> routes);
  // `encoded_attrs` is the attribute block as wire::EncodeAttrs writes it
  // (without MP_REACH); `next_hop` goes into MP_REACH unchanged.
  void Announce(std::span<const uint8_t> next_hop, std::span<const uint8_t> encoded_attrs,
                std::span<const RawNlri> routes);
  // Hands over what is buffered (nothing if empty).
  void Finish();

  uint64_t messages() const { return messages_; }
  uint64_t routes() const { return routes_; }
  // Announcements that could not fit in a message even alone; they were
  // sent as withdrawals so the peer does not keep an older version.
  uint64_t unsendable() const { return unsendable_; }

 private:
  // Appends one UPDATE whose only attributes are `mp_attr_type` (14 or 15)
  // holding `head` then as many routes as fit, then `tail`; returns how
  // many routes went in (0: not even one fits).
  size_t AppendOne(uint8_t mp_attr_type, std::span<const uint8_t> head,
                   std::span<const uint8_t> tail, std::span<const RawNlri> routes);
  void HandOverIfFull();

  const wire::AfiSafi afi_safi_;
  const size_t max_message_size_;
  const Sink sink_;
  std::vector<uint8_t> out_;
  std::vector<uint8_t> head_;
  uint64_t messages_ = 0;
  uint64_t routes_ = 0;
  uint64_t unsendable_ = 0;
};

}  // namespace meshbgp::rib
