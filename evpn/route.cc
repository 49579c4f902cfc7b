#include "evpn/route.h"

#include <algorithm>

#include "bgpd/wire/bytes.h"

namespace meshbgp::evpn {
namespace {

// Sequential reads over a route value; every read checks the bounds so the
// parsers below only state the format.
class Reader {
 public:
  explicit Reader(std::span<const uint8_t> v) : v_(v) {}
  size_t left() const { return v_.size() - pos_; }
  template <size_t N>
  bool Fixed(std::array<uint8_t, N>& out) {
    if (left() < N) return false;
    std::copy_n(v_.begin() + pos_, N, out.begin());
    pos_ += N;
    return true;
  }
  bool U8(uint8_t& out) {
    if (left() < 1) return false;
    out = v_[pos_++];
    return true;
  }
  bool U32(uint32_t& out) {
    if (left() < 4) return false;
    out = wire::GetU32(v_.data() + pos_);
    pos_ += 4;
    return true;
  }
  bool Ip(size_t octets, IpAddr& out) {
    if (left() < octets) return false;
    out = MakeIp(v_.subspan(pos_, octets));
    pos_ += octets;
    return true;
  }
  // An address preceded by its length in bits: 32 or 128 (or 0 if allowed).
  std::string_view LengthAndIp(bool allow_empty, IpAddr& out) {
    uint8_t bits = 0;
    if (!U8(bits)) return "truncated before IP address length";
    if (bits != 32 && bits != 128 && !(allow_empty && bits == 0)) {
      return "IP address length is not 32 or 128";
    }
    if (!Ip(bits / 8, out)) return "IP address overruns the route";
    return {};
  }

 private:
  std::span<const uint8_t> v_;
  size_t pos_ = 0;
};

constexpr std::string_view kTruncated = "route shorter than its type's format";
constexpr std::string_view kTrailing = "octets left over after the route's fields";

std::string_view Parse(std::span<const uint8_t> v, EthernetAd& o) {
  Reader r(v);
  if (!r.Fixed(o.rd.bytes) || !r.Fixed(o.esi.bytes) || !r.U32(o.etag) || !r.Fixed(o.label.bytes)) {
    return kTruncated;
  }
  return r.left() ? kTrailing : std::string_view{};
}

std::string_view Parse(std::span<const uint8_t> v, MacIp& o) {
  Reader r(v);
  uint8_t mac_bits = 0;
  if (!r.Fixed(o.rd.bytes) || !r.Fixed(o.esi.bytes) || !r.U32(o.etag) || !r.U8(mac_bits)) {
    return kTruncated;
  }
  if (mac_bits != 48) return "MAC address length is not 48";
  if (!r.Fixed(o.mac.bytes)) return kTruncated;
  if (auto why = r.LengthAndIp(true, o.ip); !why.empty()) return why;
  if (!r.Fixed(o.label1.bytes)) return "truncated before MPLS Label1";
  o.label2.reset();
  if (r.left() == 0) return {};
  if (!r.Fixed(o.label2.emplace().bytes)) return "MPLS Label2 truncated";
  return r.left() ? kTrailing : std::string_view{};
}

std::string_view Parse(std::span<const uint8_t> v, InclusiveMulticast& o) {
  Reader r(v);
  if (!r.Fixed(o.rd.bytes) || !r.U32(o.etag)) return kTruncated;
  if (auto why = r.LengthAndIp(false, o.originator); !why.empty()) return why;
  return r.left() ? kTrailing : std::string_view{};
}

std::string_view Parse(std::span<const uint8_t> v, EthernetSegment& o) {
  Reader r(v);
  if (!r.Fixed(o.rd.bytes) || !r.Fixed(o.esi.bytes)) return kTruncated;
  if (auto why = r.LengthAndIp(false, o.originator); !why.empty()) return why;
  return r.left() ? kTrailing : std::string_view{};
}

// RFC 9136 §3.1: the family is told by the route length alone, 34 or 58.
std::string_view Parse(std::span<const uint8_t> v, IpPrefix& o) {
  if (v.size() != 34 && v.size() != 58) return "IP Prefix route length is not 34 or 58";
  const size_t octets = v.size() == 34 ? 4 : 16;
  Reader r(v);
  r.Fixed(o.rd.bytes), r.Fixed(o.esi.bytes), r.U32(o.etag), r.U8(o.prefix_len);
  r.Ip(octets, o.prefix), r.Ip(octets, o.gateway), r.Fixed(o.label.bytes);
  if (o.prefix_len > octets * 8) return "IP prefix length longer than the address";
  return {};
}

template <typename T>
std::optional<T> As(const EvpnNlriRef& r, RouteType t) {
  if (r.type != static_cast<uint8_t>(t) || r.malformed()) return std::nullopt;
  T out;
  if (!Parse(r.value(), out).empty()) return std::nullopt;
  return out;
}

// Appends an address after its length in bits.
void AppendIp(std::vector<uint8_t>& out, const IpAddr& ip) {
  out.push_back(static_cast<uint8_t>(ip.size * 8));
  wire::AppendBytes(out, ip.view());
}

EvpnRoute Finish(RouteType t, std::vector<uint8_t> raw) {
  EvpnRoute r;
  r.type = static_cast<uint8_t>(t);
  raw[0] = r.type;
  raw[1] = static_cast<uint8_t>(raw.size() - 2);
  r.reason = CheckValue(r.type, std::span<const uint8_t>(raw).subspan(2));
  r.malformed = !r.reason.empty();
  r.raw = std::move(raw);
  return r;
}

}  // namespace

bool IsKnownType(uint8_t type) { return type >= 1 && type <= 5; }

const char* TypeName(uint8_t type) {
  switch (type) {
    case 1: return "ethernet-ad";
    case 2: return "mac-ip";
    case 3: return "inclusive-multicast";
    case 4: return "ethernet-segment";
    case 5: return "ip-prefix";
    default: return "unknown";
  }
}

std::string_view CheckValue(uint8_t type, std::span<const uint8_t> value) {
  switch (static_cast<RouteType>(type)) {
    case RouteType::kEthernetAd: { EthernetAd v; return Parse(value, v); }
    case RouteType::kMacIp: { MacIp v; return Parse(value, v); }
    case RouteType::kInclusiveMulticast: { InclusiveMulticast v; return Parse(value, v); }
    case RouteType::kEthernetSegment: { EthernetSegment v; return Parse(value, v); }
    case RouteType::kIpPrefix: { IpPrefix v; return Parse(value, v); }
  }
  return {};
}

std::optional<EthernetAd> AsEthernetAd(const EvpnNlriRef& r) {
  return As<EthernetAd>(r, RouteType::kEthernetAd);
}
std::optional<MacIp> AsMacIp(const EvpnNlriRef& r) { return As<MacIp>(r, RouteType::kMacIp); }
std::optional<InclusiveMulticast> AsInclusiveMulticast(const EvpnNlriRef& r) {
  return As<InclusiveMulticast>(r, RouteType::kInclusiveMulticast);
}
std::optional<EthernetSegment> AsEthernetSegment(const EvpnNlriRef& r) {
  return As<EthernetSegment>(r, RouteType::kEthernetSegment);
}
std::optional<IpPrefix> AsIpPrefix(const EvpnNlriRef& r) {
  return As<IpPrefix>(r, RouteType::kIpPrefix);
}

EvpnRoute MakeRoute(const EthernetAd& v) {
  std::vector<uint8_t> out(2);
  wire::AppendBytes(out, v.rd.bytes), wire::AppendBytes(out, v.esi.bytes);
  wire::AppendU32(out, v.etag), wire::AppendBytes(out, v.label.bytes);
  return Finish(RouteType::kEthernetAd, std::move(out));
}

EvpnRoute MakeRoute(const MacIp& v) {
  std::vector<uint8_t> out(2);
  wire::AppendBytes(out, v.rd.bytes), wire::AppendBytes(out, v.esi.bytes);
  wire::AppendU32(out, v.etag);
  out.push_back(48), wire::AppendBytes(out, v.mac.bytes);
  AppendIp(out, v.ip);
  wire::AppendBytes(out, v.label1.bytes);
  if (v.label2) wire::AppendBytes(out, v.label2->bytes);
  return Finish(RouteType::kMacIp, std::move(out));
}

EvpnRoute MakeRoute(const InclusiveMulticast& v) {
  std::vector<uint8_t> out(2);
  wire::AppendBytes(out, v.rd.bytes), wire::AppendU32(out, v.etag);
  AppendIp(out, v.originator);
  return Finish(RouteType::kInclusiveMulticast, std::move(out));
}

EvpnRoute MakeRoute(const EthernetSegment& v) {
  std::vector<uint8_t> out(2);
  wire::AppendBytes(out, v.rd.bytes), wire::AppendBytes(out, v.esi.bytes);
  AppendIp(out, v.originator);
  return Finish(RouteType::kEthernetSegment, std::move(out));
}

EvpnRoute MakeRoute(const IpPrefix& v) {
  std::vector<uint8_t> out(2);
  wire::AppendBytes(out, v.rd.bytes), wire::AppendBytes(out, v.esi.bytes);
  wire::AppendU32(out, v.etag), out.push_back(v.prefix_len);
  wire::AppendBytes(out, v.prefix.view()), wire::AppendBytes(out, v.gateway.view());
  wire::AppendBytes(out, v.label.bytes);
  return Finish(RouteType::kIpPrefix, std::move(out));
}

EvpnRoute MakeRoute(uint8_t type, std::span<const uint8_t> value) {
  std::vector<uint8_t> out(2);
  wire::AppendBytes(out, value.first(std::min<size_t>(value.size(), 255)));
  return Finish(static_cast<RouteType>(type), std::move(out));
}

}  // namespace meshbgp::evpn
