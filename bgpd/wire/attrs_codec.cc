// Decoding of the Path Attributes field; see attrs_codec.h for the rules.
#include "bgpd/wire/attrs_codec.h"

#include <algorithm>
#include <bitset>
#include <string>

#include "bgpd/wire/as_path_codec.h"
#include "bgpd/wire/bytes.h"
#include "bgpd/wire/ipv4_nlri.h"
#include "bgpd/wire/update.h"

namespace meshbgp::wire {
namespace {

constexpr uint8_t kOT = kFlagOptional | kFlagTransitive;

// Optional and Transitive bits an attribute we recognise must carry, or -1.
int ExpectedFlags(uint8_t type) {
  switch (type) {
    case 1: case 2: case 3: case 5: case 6:
      return kFlagTransitive;  // well-known
    case 4: case 9: case 10: case 14: case 15:
      return kFlagOptional;  // optional non-transitive
    case 7: case 8: case 16: case 17: case 18: case 32:
    case 22:  // PMSI_TUNNEL (RFC 6514)
    case 23:  // TUNNEL_ENCAPSULATION (RFC 9012)
    case 25:  // IPv6 Address Specific Extended Community (RFC 5701)
    case 35:  // OTC (RFC 9234)
    case 40:  // BGP Prefix-SID (RFC 8669)
      return kOT;
  }
  return -1;
}

std::string TypeName(uint8_t type) {
  switch (type) {
    case 1: return "ORIGIN";
    case 2: return "AS_PATH";
    case 3: return "NEXT_HOP";
    case 4: return "MULTI_EXIT_DISC";
    case 5: return "LOCAL_PREF";
    case 6: return "ATOMIC_AGGREGATE";
    case 7: return "AGGREGATOR";
    case 8: return "COMMUNITIES";
    case 9: return "ORIGINATOR_ID";
    case 10: return "CLUSTER_LIST";
    case 14: return "MP_REACH_NLRI";
    case 15: return "MP_UNREACH_NLRI";
    case 16: return "EXTENDED_COMMUNITIES";
    case 17: return "AS4_PATH";
    case 18: return "AS4_AGGREGATOR";
    case 22: return "PMSI_TUNNEL";
    case 23: return "TUNNEL_ENCAPSULATION";
    case 25: return "IPV6_EXTENDED_COMMUNITIES";
    case 32: return "LARGE_COMMUNITIES";
    case 35: return "OTC";
    case 40: return "PREFIX_SID";
  }
  return "attribute " + std::to_string(type);
}

bool NextHopLengthOk(AfiSafi as, size_t len) {
  if (as.afi == kAfiIpv4 && as.safi == kSafiUnicast) return len == 4 || len == 16 || len == 32;
  if (as.afi == kAfiIpv6 && as.safi == kSafiUnicast) return len == 16 || len == 32;
  if (as.afi == kAfiL2vpn && as.safi == kSafiEvpn) return len == 4 || len == 16 || len == 32;
  return true;  // a family we do not know: nothing to hold it against
}

// RFC 7606 §5.3 for the families whose NLRI syntax we know. EVPN is only
// framed here (type, length, value); the evpn module reads the routes.
bool NlriSyntaxOk(AfiSafi as, std::span<const uint8_t> nlri) {
  if (as.safi == kSafiUnicast && (as.afi == kAfiIpv4 || as.afi == kAfiIpv6)) {
    return ScanPrefixes(nlri, as.afi == kAfiIpv4 ? 32 : 128).status == NlriStatus::kOk;
  }
  if (as.afi == kAfiL2vpn && as.safi == kSafiEvpn) {
    size_t pos = 0;
    while (pos < nlri.size()) {
      if (nlri.size() - pos < 2 || nlri.size() - pos - 2 < nlri[pos + 1]) return false;
      pos += 2 + nlri[pos + 1];
    }
  }
  return true;
}

bool HasConfedSegment(const AsPath& p) {
  return std::any_of(p.segments.begin(), p.segments.end(), [](const AsSegment& s) {
    return s.type == AsSegmentType::kConfedSequence || s.type == AsSegmentType::kConfedSet;
  });
}

class AttrDecoder {
 public:
  AttrDecoder(std::span<const uint8_t> block, const DecodeOptions& opts, Update& u)
      : block_(block), opts_(opts), u_(u) {}

  std::optional<DecodeError> Run() {
    // One allocation covers the attributes of a typical UPDATE.
    u_.layout.attrs.reserve(std::min<size_t>(16, block_.size() / 3));
    size_t pos = 0;
    while (pos < block_.size()) {
      size_t left = block_.size() - pos;
      uint8_t flags = block_[pos];
      size_t hdr = (flags & kFlagExtendedLength) ? 4 : 3;
      if (left < hdr) {
        Withdraw("attribute header truncated at the end of the attribute block");
        break;
      }
      uint8_t type = block_[pos + 1];
      size_t len = hdr == 4 ? GetU16(&block_[pos + 2]) : block_[pos + 2];
      if (left - hdr < len) {
        if (type == 14 || type == 15) {
          return MakeError(ErrorCode::kUpdateMessage, update_error::kMalformedAttributeList,
                           TypeName(type) + " overruns the attribute block");
        }
        Withdraw(TypeName(type) + " of length " + std::to_string(len) +
                 " overruns the attribute block");
        break;
      }
      whole_ = block_.subspan(pos, hdr + len);
      value_ = whole_.subspan(hdr);
      flags_ = flags;
      type_ = type;
      pos += hdr + len;
      if (auto err = One()) return err;
    }
    Reconcile();
    auto& other = u_.attrs.other;
    if (!std::is_sorted(other.begin(), other.end(), ByType)) {
      std::stable_sort(other.begin(), other.end(), ByType);
    }
    return std::nullopt;
  }

 private:
  static bool ByType(const RawAttr& a, const RawAttr& b) { return a.type < b.type; }

  void Note(std::string s) { u_.discarded.push_back(std::move(s)); }
  void Withdraw(std::string why) {
    u_.treat_as_withdraw = true;
    Note("treat-as-withdraw: " + why);
  }
  void Discard(std::string why) { Note("discarded " + why); }

  // Records the current attribute in the layout; `kept` says whether the
  // decoded values carry it.
  void Record(bool kept) {
    WireLayout::Attr a{type_, flags_, -1};
    if (!kept) a.raw = KeepRaw(whole_);
    u_.layout.attrs.push_back(a);
  }
  int32_t KeepRaw(std::span<const uint8_t> whole) {
    size_t hdr = (whole[0] & kFlagExtendedLength) ? 4 : 3;
    u_.layout.raw.push_back(RawAttr{whole[0], whole[1], {whole.begin() + hdr, whole.end()}});
    return static_cast<int32_t>(u_.layout.raw.size() - 1);
  }

  DecodeError Reset(uint8_t subcode, std::string why) {
    return MakeError(ErrorCode::kUpdateMessage, subcode, std::move(why),
                     {whole_.begin(), whole_.end()});
  }

  // Handles the attribute in whole_/value_/flags_/type_.
  std::optional<DecodeError> One() {
    if (type_ != 15) u_.has_attrs = true;
    if (seen_[type_]) {
      if (type_ == 14 || type_ == 15) {
        return MakeError(ErrorCode::kUpdateMessage, update_error::kMalformedAttributeList,
                         TypeName(type_) + " appears twice");
      }
      Discard("repeated " + TypeName(type_));
      Record(false);
      return std::nullopt;
    }
    seen_.set(type_);
    int expected = ExpectedFlags(type_);
    if (expected < 0) return Unknown();
    bool flags_ok = (flags_ & kOT) == expected;
    const char* bad_flags = flags_ok ? "" : " (wrong flags)";
    const size_t len = value_.size();
    auto withdraw = [&](const char* what) {
      Withdraw(TypeName(type_) + " " + what + bad_flags);
      Record(false);
      return std::nullopt;
    };
    auto discard = [&](const char* what) {
      Discard(TypeName(type_) + " " + what + bad_flags);
      Record(false);
      return std::nullopt;
    };
    PathAttrs& a = u_.attrs;
    switch (type_) {
      case 1:
        if (!flags_ok || len != 1 || value_[0] > 2) return withdraw("malformed");
        a.origin = static_cast<Origin>(value_[0]);
        break;
      case 2: {
        auto path = flags_ok ? DecodeAsPath(value_, opts_.four_octet_as) : std::nullopt;
        if (!path) return withdraw("malformed");
        // RFC 5065 §5.3: confederation segments from outside are a
        // malformed AS_PATH, which RFC 7606 §7.2 makes treat-as-withdraw.
        if (!opts_.ibgp && HasConfedSegment(*path)) {
          return withdraw("with confederation segments from an external peer");
        }
        a.as_path = std::move(*path);
        as_path_ = {whole_, u_.layout.attrs.size()};
        break;
      }
      case 3:
        if (!flags_ok || len != 4) return withdraw("malformed");
        a.next_hop = GetU32(value_.data());
        break;
      case 4:
        if (!flags_ok || len != 4) return withdraw("malformed");
        a.med = GetU32(value_.data());
        break;
      case 5:
        if (!opts_.ibgp) return discard("from an external peer");
        if (!flags_ok || len != 4) return withdraw("malformed");
        a.local_pref = GetU32(value_.data());
        break;
      case 6:
        if (!flags_ok || len != 0) return discard("malformed");
        a.atomic_aggregate = true;
        break;
      case 7: {
        size_t as_size = opts_.four_octet_as ? 4 : 2;
        if (!flags_ok || len != as_size + 4) return discard("malformed");
        uint32_t asn = as_size == 4 ? GetU32(value_.data()) : GetU16(value_.data());
        if (asn == 0) return discard("with AS 0");  // RFC 7607
        a.aggregator = Aggregator{asn, GetU32(value_.data() + as_size)};
        aggregator_ = {whole_, u_.layout.attrs.size()};
        break;
      }
      case 8:
        if (!flags_ok || len == 0 || len % 4 != 0) return withdraw("malformed");
        a.communities.resize(len / 4);
        for (size_t i = 0; i < len / 4; ++i) a.communities[i] = GetU32(&value_[4 * i]);
        break;
      case 9:
        if (!flags_ok || len != 4) return withdraw("malformed");
        a.originator_id = GetU32(value_.data());
        break;
      case 10:
        if (!flags_ok || len == 0 || len % 4 != 0) return withdraw("malformed");
        a.cluster_list.resize(len / 4);
        for (size_t i = 0; i < len / 4; ++i) a.cluster_list[i] = GetU32(&value_[4 * i]);
        break;
      case 14:
        if (auto err = MpReachNlri()) return err;
        if (!flags_ok) Withdraw("MP_REACH_NLRI has wrong flags");
        break;
      case 15:
        if (auto err = MpUnreachNlri()) return err;
        if (!flags_ok) Withdraw("MP_UNREACH_NLRI has wrong flags");
        break;
      case 16:
        if (!flags_ok || len == 0 || len % 8 != 0) return withdraw("malformed");
        a.ext_communities.resize(len / 8);
        for (size_t i = 0; i < len / 8; ++i) a.ext_communities[i] = GetU64(&value_[8 * i]);
        break;
      case 17: {
        if (opts_.four_octet_as) return discard("from a 4-octet AS speaker");
        auto path = flags_ok ? DecodeAsPath(value_, true) : std::nullopt;
        if (!path) return discard("malformed");
        if (HasConfedSegment(*path)) {
          // RFC 6793 §6: such segments are dropped, the rest is used.
          Note("AS4_PATH confederation segments dropped");
          *path = WithoutConfedSegments(*path);
        }
        as4_path_ = std::move(path);
        Record(false);  // the merged AS_PATH does not give these bytes back
        return std::nullopt;
      }
      case 18:
        if (opts_.four_octet_as) return discard("from a 4-octet AS speaker");
        if (!flags_ok || len != 8 || GetU32(value_.data()) == 0) return discard("malformed");
        as4_aggregator_ = Aggregator{GetU32(value_.data()), GetU32(value_.data() + 4)};
        Record(false);
        return std::nullopt;
      case 32:
        if (!flags_ok || len == 0 || len % 12 != 0) return withdraw("malformed");
        a.large_communities.resize(len / 12);
        for (size_t i = 0; i < len / 12; ++i) {
          const uint8_t* p = &value_[12 * i];
          a.large_communities[i] = LargeCommunity{GetU32(p), GetU32(p + 4), GetU32(p + 8)};
        }
        break;
      default:
        // Recognised, relayed as received (no Partial bit: we know them).
        if (!flags_ok) return withdraw("malformed");
        if (type_ == 25 && (len == 0 || len % 20 != 0)) return withdraw("malformed");
        if (type_ == 35 && len != 4) return withdraw("malformed");  // RFC 9234 §5
        a.other.push_back(RawAttr{static_cast<uint8_t>(flags_ & 0xe0), type_,
                                  {value_.begin(), value_.end()}});
        break;
    }
    Record(true);
    return std::nullopt;
  }

  std::optional<DecodeError> Unknown() {
    if (!(flags_ & kFlagOptional)) {
      return Reset(update_error::kUnrecognizedWellKnownAttribute,
                   "unrecognized well-known attribute " + std::to_string(type_));
    }
    if (flags_ & kFlagTransitive) {
      // RFC 4271 §5: relayed, and marked as having passed a speaker that
      // did not understand it.
      u_.attrs.other.push_back(RawAttr{static_cast<uint8_t>((flags_ & 0xe0) | kFlagPartial),
                                       type_, {value_.begin(), value_.end()}});
      Record(true);
    } else {
      Record(false);  // optional non-transitive: silently ignored
    }
    return std::nullopt;
  }

  std::optional<DecodeError> MpReachNlri() {
    const auto v = value_;
    if (v.size() < 5) return Reset(update_error::kOptionalAttributeError, "MP_REACH_NLRI too short");
    AfiSafi as{GetU16(&v[0]), v[2]};
    size_t nh_len = v[3];
    if (v.size() < 5 + nh_len) {
      return Reset(update_error::kOptionalAttributeError,
                   "MP_REACH_NLRI next hop length " + std::to_string(nh_len) + " overruns it");
    }
    if (!NextHopLengthOk(as, nh_len)) {
      return Reset(update_error::kOptionalAttributeError,
                   "MP_REACH_NLRI next hop length " + std::to_string(nh_len) + " is wrong for " +
                       std::to_string(as.afi) + "/" + std::to_string(as.safi));
    }
    auto nlri = v.subspan(5 + nh_len);
    if (!NlriSyntaxOk(as, nlri)) {
      return Reset(update_error::kOptionalAttributeError, "MP_REACH_NLRI has malformed NLRI");
    }
    auto nh = v.subspan(4, nh_len);
    u_.mp_reach = MpReach{as, {nh.begin(), nh.end()}, {nlri.begin(), nlri.end()}};
    u_.attrs.mp_next_hop = u_.mp_reach->next_hop;
    return std::nullopt;
  }

  std::optional<DecodeError> MpUnreachNlri() {
    const auto v = value_;
    if (v.size() < 3) {
      return Reset(update_error::kOptionalAttributeError, "MP_UNREACH_NLRI too short");
    }
    AfiSafi as{GetU16(&v[0]), v[2]};
    auto nlri = v.subspan(3);
    if (!NlriSyntaxOk(as, nlri)) {
      return Reset(update_error::kOptionalAttributeError, "MP_UNREACH_NLRI has malformed NLRI");
    }
    u_.mp_unreach = MpUnreach{as, {nlri.begin(), nlri.end()}};
    return std::nullopt;
  }

  // RFC 6793 §4.2.3, for UPDATEs from a 2-octet AS speaker.
  void Reconcile() {
    if (!as4_path_ && !as4_aggregator_) return;
    PathAttrs& a = u_.attrs;
    if (a.aggregator && a.aggregator->asn != kAsTrans) {
      Note("AS4_PATH/AS4_AGGREGATOR ignored: AGGREGATOR is not AS_TRANS");
      return;
    }
    if (as4_aggregator_ && a.aggregator) {
      a.aggregator = *as4_aggregator_;
      MakeRaw(aggregator_);
    }
    if (as4_path_ && a.as_path) {
      if (as4_path_->DecisionLength() > a.as_path->DecisionLength()) {
        Note("AS4_PATH ignored: longer than AS_PATH");
        return;
      }
      AsPath merged = MergeAs4Path(*a.as_path, *as4_path_);
      if (merged != *a.as_path) {
        a.as_path = std::move(merged);
        MakeRaw(as_path_);
      }
    }
  }

  struct Seen {
    std::span<const uint8_t> whole;
    size_t entry = 0;
  };
  void MakeRaw(const Seen& s) {
    if (s.whole.empty()) return;
    u_.layout.attrs[s.entry].raw = KeepRaw(s.whole);
  }

  std::span<const uint8_t> block_;
  const DecodeOptions& opts_;
  Update& u_;
  std::bitset<256> seen_;
  std::span<const uint8_t> whole_, value_;
  uint8_t flags_ = 0, type_ = 0;
  Seen as_path_, aggregator_;
  std::optional<AsPath> as4_path_;
  std::optional<Aggregator> as4_aggregator_;
};

}  // namespace

std::optional<DecodeError> DecodeAttrs(std::span<const uint8_t> block, const DecodeOptions& opts,
                                       Update& out) {
  return AttrDecoder(block, opts, out).Run();
}

}  // namespace meshbgp::wire
