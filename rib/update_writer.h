// Packs IPv4 withdrawals and announcements into UPDATE messages and hands
// them on in buffers of about kTargetBufferSize bytes, so a large table is
// queued in pieces instead of one giant allocation. Used by update groups.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "bgpd/wire/types.h"

namespace meshbgp::rib {

using Buffer = std::shared_ptr<const std::vector<uint8_t>>;

class UpdateWriter {
 public:
  static constexpr size_t kTargetBufferSize = 64 * 1024;
  using Sink = std::function<void(Buffer)>;

  UpdateWriter(size_t max_message_size, Sink sink);
  UpdateWriter(const UpdateWriter&) = delete;
  UpdateWriter& operator=(const UpdateWriter&) = delete;

  void Withdraw(std::span<const wire::Ipv4Prefix> prefixes);
  // `encoded_attrs` is the path-attribute block as wire::EncodeAttrs writes it.
  void Announce(std::span<const uint8_t> encoded_attrs,
                std::span<const wire::Ipv4Prefix> prefixes);
  // Hands over what is buffered (nothing if empty).
  void Finish();

  uint64_t messages() const { return messages_; }
  uint64_t prefixes() const { return prefixes_; }
  // Announcements whose attributes left no room for a prefix in a message;
  // they were sent as withdrawals.
  uint64_t unsendable() const { return unsendable_; }

 private:
  // How many of `prefixes` fit in one message with `room` bytes for NLRI.
  static size_t FitInOneMessage(std::span<const wire::Ipv4Prefix> prefixes, size_t room);
  void Count(size_t from);
  void HandOverIfFull();

  const size_t max_message_size_;
  const Sink sink_;
  std::vector<uint8_t> out_;
  uint64_t messages_ = 0;
  uint64_t prefixes_ = 0;
  uint64_t unsendable_ = 0;
};

}  // namespace meshbgp::rib
