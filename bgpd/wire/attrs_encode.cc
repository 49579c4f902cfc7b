// Encoding of path attributes; see attrs_codec.h.
#include <algorithm>
#include <bitset>

#include "bgpd/wire/as_path_codec.h"
#include "bgpd/wire/attrs_codec.h"
#include "bgpd/wire/bytes.h"
#include "bgpd/wire/update.h"

namespace meshbgp::wire {
namespace {

constexpr uint8_t kWellKnown = kFlagTransitive;
constexpr uint8_t kOptional = kFlagOptional;
constexpr uint8_t kOptTrans = kFlagOptional | kFlagTransitive;

// Attributes whose values PathAttrs holds in typed fields, in the order
// they are encoded.
constexpr uint8_t kTyped[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 17, 18, 32};

bool IsTyped(uint8_t type) {
  return std::find(std::begin(kTyped), std::end(kTyped), type) != std::end(kTyped) ||
         type == 14 || type == 15;
}

uint8_t CanonicalFlags(uint8_t type) {
  switch (type) {
    case 1: case 2: case 3: case 5: case 6:
      return kWellKnown;
    case 4: case 9: case 10: case 14: case 15:
      return kOptional;
    default:
      return kOptTrans;
  }
}

// Appends flags, type, length and whatever `fill` writes. The 2-octet
// length is used when `flags` has Extended Length or the value needs it.
template <typename Fill>
void AppendAttr(std::vector<uint8_t>& out, uint8_t flags, uint8_t type, Fill&& fill) {
  size_t start = out.size();
  out.insert(out.end(), {flags, type, 0, 0});
  fill(out);
  size_t len = out.size() - start - 4;
  if ((flags & kFlagExtendedLength) || len > 255) {
    out[start] = flags | kFlagExtendedLength;
    PutU16(&out[start + 2], static_cast<uint16_t>(len));
  } else {
    out[start + 2] = static_cast<uint8_t>(len);
    out.erase(out.begin() + start + 3);
  }
}

void AppendRaw(std::vector<uint8_t>& out, const RawAttr& r, uint8_t flags) {
  AppendAttr(out, flags, r.type, [&](auto& o) { AppendBytes(o, r.value); });
}

// Whether the typed attribute `type` is to be written for `a`.
bool Present(const PathAttrs& a, uint8_t type, const EncodeOptions& opts) {
  switch (type) {
    case 1: return a.origin.has_value();
    case 2: return a.as_path.has_value();
    case 3: return a.next_hop.has_value();
    case 4: return a.med.has_value();
    case 5: return a.local_pref.has_value();
    case 6: return a.atomic_aggregate;
    case 7: return a.aggregator.has_value();
    case 8: return !a.communities.empty();
    case 9: return a.originator_id.has_value();
    case 10: return !a.cluster_list.empty();
    case 16: return !a.ext_communities.empty();
    case 17:
      return !opts.four_octet_as && a.as_path &&
             HasFourOctetAsn(WithoutConfedSegments(*a.as_path));
    case 18: return !opts.four_octet_as && a.aggregator && a.aggregator->asn > 0xffff;
    case 32: return !a.large_communities.empty();
  }
  return false;
}

void AppendValue(const PathAttrs& a, uint8_t type, const EncodeOptions& opts,
                 std::vector<uint8_t>& out) {
  switch (type) {
    case 1: out.push_back(static_cast<uint8_t>(*a.origin)); break;
    case 2: AppendAsPathValue(*a.as_path, opts.four_octet_as, out); break;
    case 3: AppendU32(out, *a.next_hop); break;
    case 4: AppendU32(out, *a.med); break;
    case 5: AppendU32(out, *a.local_pref); break;
    case 6: break;
    case 7:
      if (opts.four_octet_as) {
        AppendU32(out, a.aggregator->asn);
      } else {
        uint32_t asn = a.aggregator->asn;
        AppendU16(out, asn > 0xffff ? kAsTrans : static_cast<uint16_t>(asn));
      }
      AppendU32(out, a.aggregator->address);
      break;
    case 8: for (uint32_t c : a.communities) AppendU32(out, c); break;
    case 9: AppendU32(out, *a.originator_id); break;
    case 10: for (uint32_t c : a.cluster_list) AppendU32(out, c); break;
    case 16: for (uint64_t c : a.ext_communities) AppendU64(out, c); break;
    case 17: AppendAsPathValue(WithoutConfedSegments(*a.as_path), true, out); break;
    case 18:
      AppendU32(out, a.aggregator->asn);
      AppendU32(out, a.aggregator->address);
      break;
    case 32:
      for (const auto& l : a.large_communities) {
        AppendU32(out, l.global_admin);
        AppendU32(out, l.local1);
        AppendU32(out, l.local2);
      }
      break;
  }
}

void AppendMpReach(const MpReach& r, uint8_t flags, std::vector<uint8_t>& out) {
  AppendAttr(out, flags, 14, [&](auto& o) {
    AppendU16(o, r.afi_safi.afi);
    o.push_back(r.afi_safi.safi);
    o.push_back(static_cast<uint8_t>(r.next_hop.size()));
    AppendBytes(o, r.next_hop);
    o.push_back(0);  // reserved
    AppendBytes(o, r.nlri);
  });
}

void AppendMpUnreach(const MpUnreach& r, uint8_t flags, std::vector<uint8_t>& out) {
  AppendAttr(out, flags, 15, [&](auto& o) {
    AppendU16(o, r.afi_safi.afi);
    o.push_back(r.afi_safi.safi);
    AppendBytes(o, r.nlri);
  });
}

// Canonical encoding of `a`, leaving out types in `skip`.
void AppendCanonical(const PathAttrs& a, const EncodeOptions& opts, const std::bitset<256>& skip,
                     std::vector<uint8_t>& out) {
  auto other = a.other.begin();
  auto flush_other_below = [&](int type) {
    for (; other != a.other.end() && other->type < type; ++other) {
      if (!skip[other->type] && !IsTyped(other->type)) AppendRaw(out, *other, other->flags);
    }
  };
  for (uint8_t type : kTyped) {
    flush_other_below(type);
    if (skip[type] || !Present(a, type, opts)) continue;
    AppendAttr(out, CanonicalFlags(type), type, [&](auto& o) { AppendValue(a, type, opts, o); });
  }
  flush_other_below(256);
}

const RawAttr* FindOther(const PathAttrs& a, uint8_t type) {
  auto it = std::lower_bound(a.other.begin(), a.other.end(), type,
                             [](const RawAttr& r, uint8_t t) { return r.type < t; });
  return it != a.other.end() && it->type == type ? &*it : nullptr;
}

}  // namespace

void EncodeAttrs(const PathAttrs& attrs, const EncodeOptions& opts, std::vector<uint8_t>& out) {
  AppendCanonical(attrs, opts, {}, out);
}

void EncodeUpdateAttrs(const Update& u, const EncodeOptions& opts, std::vector<uint8_t>& out) {
  std::bitset<256> done;
  for (const WireLayout::Attr& e : u.layout.attrs) {
    if (done[e.type]) {
      // A repeat that was discarded: only a raw copy can bring it back.
      if (e.raw >= 0) AppendRaw(out, u.layout.raw[e.raw], u.layout.raw[e.raw].flags);
      continue;
    }
    done.set(e.type);
    if (e.raw >= 0) {
      AppendRaw(out, u.layout.raw[e.raw], u.layout.raw[e.raw].flags);
    } else if (e.type == 14) {
      if (u.mp_reach) AppendMpReach(*u.mp_reach, e.flags, out);
    } else if (e.type == 15) {
      if (u.mp_unreach) AppendMpUnreach(*u.mp_unreach, e.flags, out);
    } else if (IsTyped(e.type)) {
      if (Present(u.attrs, e.type, opts)) {
        AppendAttr(out, e.flags, e.type, [&](auto& o) { AppendValue(u.attrs, e.type, opts, o); });
      }
    } else if (const RawAttr* r = FindOther(u.attrs, e.type)) {
      AppendRaw(out, *r, e.flags);
    }
  }
  // RFC 7606 §5.1: MP_REACH/MP_UNREACH first when we choose the order.
  if (u.mp_reach && !done[14]) AppendMpReach(*u.mp_reach, kOptional, out);
  if (u.mp_unreach && !done[15]) AppendMpUnreach(*u.mp_unreach, kOptional, out);
  AppendCanonical(u.attrs, opts, done, out);
}

}  // namespace meshbgp::wire
