// Path attributes (RFC 4271 §4.3, §5) with the error handling of RFC 7606:
// decoding the attribute block of an UPDATE into PathAttrs, and encoding
// PathAttrs back. Which errors reset the session, withdraw the UPDATE's
// routes or just drop one attribute is decided here, attribute by
// attribute; update.h adds the NLRI fields around it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "bgpd/wire/result.h"
#include "bgpd/wire/types.h"

namespace meshbgp::wire {

struct Update;

struct DecodeOptions {
  bool four_octet_as = true;  // both sides sent the 4-octet AS capability
  bool ibgp = false;          // the peer is in our AS
};

struct EncodeOptions {
  bool four_octet_as = true;
};

// What a decoded UPDATE needs, beyond its values, to be encoded again byte
// for byte: the attributes in received order with their exact flags, and
// the bytes of those the values do not carry (dropped, discarded, or on a
// 2-octet session the AS_PATH/AGGREGATOR/AS4_* pair that reconciliation
// merged). Only meaningful for the Update it came with: clear it after
// changing the attributes if the canonical encoding is wanted.
struct WireLayout {
  struct Attr {
    uint8_t type = 0;
    uint8_t flags = 0;  // as received, Extended Length bit included
    int32_t raw = -1;   // index into `raw`, or -1: the value is in the Update
  };
  std::vector<Attr> attrs;
  std::vector<RawAttr> raw;  // flags exactly as received
  bool empty() const { return attrs.empty(); }
};

// Decodes `block` (the Path Attributes field) into out.attrs, mp_reach,
// mp_unreach, has_attrs, treat_as_withdraw, discarded and layout. Returns
// the NOTIFICATION when the session must be reset:
//  - MP_REACH/MP_UNREACH repeated: 3/1 (RFC 7606 §3 g);
//  - MP_REACH/MP_UNREACH too short, a next hop length that overruns it or
//    is wrong for a family we know, or NLRI that are syntactically wrong:
//    3/9 with the attribute as data (RFC 4760 §7, RFC 7606 §5.3, §7.11);
//  - an MP_REACH/MP_UNREACH that overruns the block: 3/1 (its NLRI cannot
//    be found, and RFC 7606 §3 allows treat-as-withdraw only
//    when they can);
//  - an unrecognized attribute without the Optional bit: 3/2 with the
//    attribute as data (RFC 4271 §6.3).
// Everything else follows RFC 7606 §7 and is recorded in `discarded`:
// treat-as-withdraw for ORIGIN, AS_PATH, NEXT_HOP, MED, iBGP LOCAL_PREF,
// COMMUNITIES, ORIGINATOR_ID, CLUSTER_LIST, extended and large
// communities of the wrong length or content, any of these with wrong
// Optional/Transitive flags, and for another attribute overrunning the
// block (§4); attribute discard for ATOMIC_AGGREGATE, AGGREGATOR (§7.6,
// §7.7), LOCAL_PREF from an external peer (§7.5), AS4_PATH and
// AS4_AGGREGATOR that are malformed or come from a 4-octet speaker
// (RFC 6793 §4.1, §6), and every repeat of an attribute (§3 g).
// Unknown optional transitive attributes land in attrs.other with the
// Partial bit set; unknown optional non-transitive ones are dropped.
std::optional<DecodeError> DecodeAttrs(std::span<const uint8_t> block, const DecodeOptions& opts,
                                       Update& out);

// Canonical encoding of everything in `attrs` except MP_REACH (whose next
// hop lives in attrs.mp_next_hop): ascending type order, Extended Length
// only above 255 octets, the flags each attribute is specified with. On a
// 2-octet session AS_PATH carries AS_TRANS for large ASNs and AS4_PATH /
// AS4_AGGREGATOR are added (RFC 6793 §4.2.2).
void EncodeAttrs(const PathAttrs& attrs, const EncodeOptions& opts, std::vector<uint8_t>& out);

// The Path Attributes field of `u`: following u.layout when it has one
// (attributes it does not list come after, canonically), else MP_REACH and
// MP_UNREACH first (RFC 7606 §5.1) and then EncodeAttrs.
void EncodeUpdateAttrs(const Update& u, const EncodeOptions& opts, std::vector<uint8_t>& out);

}  // namespace meshbgp::wire
