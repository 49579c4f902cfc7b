// EvpnWriter: EVPN routes to MpUpdateWriter.
#include "rib/families.h"

#include <algorithm>
#include <utility>

namespace meshbgp::rib {

EvpnWriter::EvpnWriter(size_t max_message_size, Sink sink)
    : writer_(wire::AfiSafiOf(wire::Family::kEvpn), max_message_size, std::move(sink)) {}

void EvpnWriter::Withdraw(std::span<const evpn::EvpnKey> keys) {
  std::vector<evpn::EvpnRoute> routes;
  routes.reserve(keys.size());
  for (const evpn::EvpnKey& k : keys) routes.push_back(evpn::WithdrawalRoute(k));
  views_.clear();
  for (const evpn::EvpnRoute& r : routes) views_.push_back(r.raw);
  writer_.Withdraw(views_);
}

void EvpnWriter::Announce(std::span<const uint8_t> next_hop_and_attrs,
                          std::span<const NlriBlob> routes) {
  if (next_hop_and_attrs.empty()) return;
  const size_t nh_len = std::min<size_t>(next_hop_and_attrs[0], next_hop_and_attrs.size() - 1);
  views_.clear();
  for (const NlriBlob& r : routes) views_.push_back(*r);
  writer_.Announce(next_hop_and_attrs.subspan(1, nh_len), next_hop_and_attrs.subspan(1 + nh_len),
                   views_);
}

}  // namespace meshbgp::rib
