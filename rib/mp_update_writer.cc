// MP_REACH_NLRI / MP_UNREACH_NLRI packing for update groups of a
// multiprotocol family. MP attributes always use the Extended Length flag
// so the route count never changes the attribute's header size.
#include "rib/mp_update_writer.h"

#include <utility>

#include "bgpd/wire/bytes.h"
#include "bgpd/wire/header.h"

namespace meshbgp::rib {
namespace {

// Header, Withdrawn Routes Length, Total Path Attribute Length, and the
// MP attribute's flags, type and 2-octet length.
constexpr size_t kFixed = wire::kHeaderSize + 2 + 2 + 4;

}  // namespace

MpUpdateWriter::MpUpdateWriter(wire::AfiSafi afi_safi, size_t max_message_size, Sink sink)
    : afi_safi_(afi_safi), max_message_size_(max_message_size), sink_(std::move(sink)) {}

size_t MpUpdateWriter::AppendOne(uint8_t mp_attr_type, std::span<const uint8_t> head,
                                 std::span<const uint8_t> tail, std::span<const RawNlri> routes) {
  const size_t fixed = kFixed + head.size() + tail.size();
  if (fixed >= max_message_size_) return 0;
  size_t room = max_message_size_ - fixed;
  size_t n = 0, nlri_bytes = 0;
  while (n < routes.size() && nlri_bytes + routes[n].size() <= room && nlri_bytes + routes[n].size() <= 0xffff - head.size())
    nlri_bytes += routes[n++].size();
  if (n == 0) return 0;
  const size_t attr_len = head.size() + nlri_bytes;
  const size_t total = kFixed + attr_len + tail.size();
  const size_t start = out_.size();
  out_.resize(start + wire::kHeaderSize);
  wire::WriteHeader(wire::MessageType::kUpdate, total, out_.data() + start);
  wire::AppendU16(out_, 0);  // no IPv4 withdrawals
  wire::AppendU16(out_, static_cast<uint16_t>(4 + attr_len + tail.size()));
  wire::AppendU8(out_, wire::kFlagOptional | wire::kFlagExtendedLength);
  wire::AppendU8(out_, mp_attr_type);
  wire::AppendU16(out_, static_cast<uint16_t>(attr_len));
  wire::AppendBytes(out_, head);
  for (size_t i = 0; i < n; ++i) wire::AppendBytes(out_, routes[i]);
  wire::AppendBytes(out_, tail);
  ++messages_;
  routes_ += n;
  return n;
}

void MpUpdateWriter::Withdraw(std::span<const RawNlri> routes) {
  head_.clear();
  wire::AppendU16(head_, afi_safi_.afi);
  wire::AppendU8(head_, afi_safi_.safi);
  while (!routes.empty()) {
    size_t n = AppendOne(static_cast<uint8_t>(wire::AttrType::kMpUnreachNlri), head_, {}, routes);
    if (n == 0) {  // a route longer than any message: nothing can carry it
      ++unsendable_;
      n = 1;
    }
    routes = routes.subspan(n);
    HandOverIfFull();
  }
}

void MpUpdateWriter::Announce(std::span<const uint8_t> next_hop,
                              std::span<const uint8_t> encoded_attrs,
                              std::span<const RawNlri> routes) {
  std::vector<uint8_t> head;
  wire::AppendU16(head, afi_safi_.afi);
  wire::AppendU8(head, afi_safi_.safi);
  wire::AppendU8(head, static_cast<uint8_t>(next_hop.size()));
  wire::AppendBytes(head, next_hop);
  wire::AppendU8(head, 0);  // reserved
  while (!routes.empty()) {
    const size_t n =
        AppendOne(static_cast<uint8_t>(wire::AttrType::kMpReachNlri), head, encoded_attrs, routes);
    if (n == 0) {
      // The attributes leave no room for this route: withdraw it instead.
      ++unsendable_;
      Withdraw(routes.first(1));
      routes = routes.subspan(1);
      continue;
    }
    routes = routes.subspan(n);
    HandOverIfFull();
  }
}

void MpUpdateWriter::Finish() {
  if (out_.empty()) return;
  sink_(std::make_shared<const std::vector<uint8_t>>(std::exchange(out_, {})));
}

void MpUpdateWriter::HandOverIfFull() {
  if (out_.size() + max_message_size_ > kTargetBufferSize) Finish();
}

}  // namespace meshbgp::rib
