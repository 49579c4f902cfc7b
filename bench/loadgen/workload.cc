#include "bench/loadgen/workload.h"

#include "bgpd/wire/update.h"

namespace meshbgp::loadgen {

std::vector<uint8_t> Workload::EncodeAnnouncements(uint32_t client, uint32_t asn,
                                                   uint32_t next_hop,
                                                   const wire::EncodeOptions& opts,
                                                   size_t max_message_size) const {
  if (family_ == wire::Family::kEvpn)
    return EncodeEvpnAnnouncements(client, asn, next_hop, opts, max_message_size);
  wire::PathAttrs attrs;
  attrs.origin = wire::Origin::kIgp;
  attrs.as_path = wire::AsPath{{wire::AsSegment{wire::AsSegmentType::kAsSequence, {asn}}}};
  attrs.next_hop = next_hop;
  std::vector<uint8_t> encoded_attrs;
  wire::EncodeAttrs(attrs, opts, encoded_attrs);

  std::vector<wire::Ipv4Prefix> nlri;
  nlri.reserve(per_client_);
  for (uint32_t i = 0; i < per_client_; ++i) nlri.push_back(PrefixAt(FirstIndexOf(client) + i));
  std::vector<uint8_t> out;
  // Cannot fail: three small attributes leave room for thousands of /24s.
  wire::AppendIpv4Updates(encoded_attrs, nlri, max_message_size, out);
  return out;
}

}  // namespace meshbgp::loadgen
