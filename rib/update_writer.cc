// UPDATE packing for update groups. The wire codec does the encoding; this
// file only decides where one message ends so buffers end on whole messages.
#include "rib/update_writer.h"

#include <utility>

#include "bgpd/wire/ipv4_nlri.h"
#include "bgpd/wire/update.h"

namespace meshbgp::rib {
namespace {

// Bytes of an UPDATE that are neither attributes nor prefixes: the header
// and the two 2-octet length fields (RFC 4271 §4.3).
constexpr size_t kUpdateOverhead = wire::kHeaderSize + 2 + 2;

}  // namespace

UpdateWriter::UpdateWriter(size_t max_message_size, Sink sink)
    : max_message_size_(max_message_size), sink_(std::move(sink)) {}

size_t UpdateWriter::FitInOneMessage(std::span<const wire::Ipv4Prefix> prefixes, size_t room) {
  size_t used = 0;
  size_t n = 0;
  while (n < prefixes.size() && used + wire::Ipv4PrefixWireSize(prefixes[n]) <= room)
    used += wire::Ipv4PrefixWireSize(prefixes[n++]);
  // Even when nothing seems to fit, hand the codec one prefix at a time so
  // it decides (and reports) what cannot be encoded; never loop forever.
  return n == 0 ? 1 : n;
}

void UpdateWriter::Withdraw(std::span<const wire::Ipv4Prefix> prefixes) {
  const size_t room = max_message_size_ > kUpdateOverhead ? max_message_size_ - kUpdateOverhead : 0;
  while (!prefixes.empty()) {
    const size_t n = FitInOneMessage(prefixes, room);
    const size_t from = out_.size();
    wire::AppendIpv4Withdraws(prefixes.first(n), max_message_size_, out_);
    Count(from);
    prefixes_ += n;
    prefixes = prefixes.subspan(n);
    HandOverIfFull();
  }
}

void UpdateWriter::Announce(std::span<const uint8_t> encoded_attrs,
                            std::span<const wire::Ipv4Prefix> prefixes) {
  const size_t fixed = kUpdateOverhead + encoded_attrs.size();
  const size_t room = max_message_size_ > fixed ? max_message_size_ - fixed : 0;
  while (!prefixes.empty()) {
    const size_t n = FitInOneMessage(prefixes, room);
    const size_t from = out_.size();
    if (!wire::AppendIpv4Updates(encoded_attrs, prefixes.first(n), max_message_size_, out_)) {
      // The attributes alone fill a message. Withdraw instead, so the peer
      // does not keep an older path it would otherwise never lose.
      unsendable_ += prefixes.size();
      Withdraw(prefixes);
      return;
    }
    Count(from);
    prefixes_ += n;
    prefixes = prefixes.subspan(n);
    HandOverIfFull();
  }
}

void UpdateWriter::Finish() {
  if (out_.empty()) return;
  sink_(std::make_shared<const std::vector<uint8_t>>(std::exchange(out_, {})));
}

// Counts the messages appended since `from` by walking their length fields.
void UpdateWriter::Count(size_t from) {
  size_t at = from;
  while (at + wire::kHeaderSize <= out_.size()) {
    const size_t length = (size_t{out_[at + 16]} << 8) | out_[at + 17];
    if (length < wire::kHeaderSize) break;  // not a message: stop counting
    ++messages_;
    at += length;
  }
}

void UpdateWriter::HandOverIfFull() {
  if (out_.size() + max_message_size_ > kTargetBufferSize) Finish();
}

}  // namespace meshbgp::rib
