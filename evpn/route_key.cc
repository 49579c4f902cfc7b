#include "evpn/route_key.h"

#include <algorithm>

#include "bgpd/wire/bytes.h"
#include "bgpd/wire/hex.h"

namespace meshbgp::evpn {
namespace {

// Builds a key's fields on the stack: no allocation for known types.
class KeyWriter {
 public:
  template <typename C>
  KeyWriter& Put(const C& bytes) {
    for (uint8_t b : bytes) buf_[n_++] = b;
    return *this;
  }
  KeyWriter& U8(uint8_t v) {
    buf_[n_++] = v;
    return *this;
  }
  KeyWriter& U32(uint32_t v) {
    wire::PutU32(&buf_[n_], v);
    n_ += 4;
    return *this;
  }
  KeyWriter& Ip(const IpAddr& ip) { return U8(static_cast<uint8_t>(ip.size * 8)).Put(ip.view()); }
  std::span<const uint8_t> view() const { return {buf_.data(), n_}; }

 private:
  std::array<uint8_t, 64> buf_{};
  size_t n_ = 0;
};

// Reads the fields KeyOf wrote, in the same order.
class KeyReader {
 public:
  explicit KeyReader(std::span<const uint8_t> f) : f_(f) {}
  template <typename T>
  T Fixed() {
    T out;
    size_t n = std::min(out.bytes.size(), left());
    std::copy_n(f_.begin() + pos_, n, out.bytes.begin());
    pos_ += n;
    return out;
  }
  uint32_t U32() {
    if (left() < 4) return pos_ = f_.size(), 0;
    uint32_t v = wire::GetU32(&f_[pos_]);
    pos_ += 4;
    return v;
  }
  uint8_t U8() { return left() ? f_[pos_++] : 0; }
  IpAddr Rest() {
    IpAddr ip = MakeIp(f_.subspan(pos_));
    pos_ = f_.size();
    return ip;
  }
  IpAddr Ip() {
    U8();  // the length in bits; the bytes left say the same
    return Rest();
  }

 private:
  size_t left() const { return f_.size() - pos_; }
  std::span<const uint8_t> f_;
  size_t pos_ = 0;
};

std::string Br(const std::string& s) { return "[" + s + "]"; }

}  // namespace

EvpnKey::EvpnKey(uint8_t type, bool opaque, std::span<const uint8_t> fields)
    : type_(type), opaque_(opaque), size_(static_cast<uint16_t>(fields.size())) {
  if (fields.size() <= kInline) {
    std::copy(fields.begin(), fields.end(), inline_.begin());
  } else {
    heap_.assign(fields.begin(), fields.end());
  }
}

EvpnKey KeyOf(const EvpnNlriRef& r) {
  KeyWriter w;
  if (auto v = AsEthernetAd(r)) {
    w.Put(v->rd.bytes).Put(v->esi.bytes).U32(v->etag);
  } else if (auto v = AsMacIp(r)) {
    w.Put(v->rd.bytes).U32(v->etag).U8(48).Put(v->mac.bytes).Ip(v->ip);
  } else if (auto v = AsInclusiveMulticast(r)) {
    w.Put(v->rd.bytes).U32(v->etag).Ip(v->originator);
  } else if (auto v = AsEthernetSegment(r)) {
    w.Put(v->rd.bytes).Put(v->esi.bytes).Ip(v->originator);
  } else if (auto v = AsIpPrefix(r)) {
    w.Put(v->rd.bytes).U32(v->etag).U8(v->prefix_len).Put(v->prefix.view());
  } else {
    return EvpnKey(r.type, true, r.value());
  }
  return EvpnKey(r.type, false, w.view());
}

EvpnRoute WithdrawalRoute(const EvpnKey& k) {
  if (k.opaque()) return MakeRoute(k.type(), k.fields());
  KeyReader r(k.fields());
  const Rd rd = r.Fixed<Rd>();
  switch (static_cast<RouteType>(k.type())) {
    case RouteType::kEthernetAd: {
      EthernetAd v{.rd = rd};
      v.esi = r.Fixed<Esi>();
      v.etag = r.U32();
      return MakeRoute(v);
    }
    case RouteType::kMacIp: {
      MacIp v{.rd = rd};
      v.etag = r.U32();
      r.U8();
      v.mac = r.Fixed<Mac>();
      v.ip = r.Ip();
      return MakeRoute(v);
    }
    case RouteType::kInclusiveMulticast: {
      InclusiveMulticast v{.rd = rd};
      v.etag = r.U32();
      v.originator = r.Ip();
      return MakeRoute(v);
    }
    case RouteType::kEthernetSegment: {
      EthernetSegment v{.rd = rd};
      v.esi = r.Fixed<Esi>();
      v.originator = r.Ip();
      return MakeRoute(v);
    }
    case RouteType::kIpPrefix: {
      IpPrefix v{.rd = rd};
      v.etag = r.U32();
      v.prefix_len = r.U8();
      v.prefix = r.Rest();
      v.gateway = MakeIp(std::vector<uint8_t>(v.prefix.size, 0));
      return MakeRoute(v);
    }
  }
  return MakeRoute(k.type(), k.fields());
}

std::string ToString(const EvpnKey& k) {
  const std::string head = Br(std::to_string(k.type()));
  if (k.opaque()) return head + ":" + Br(wire::ToHex(k.fields()));
  KeyReader r(k.fields());
  std::string rd = Br(ToString(r.Fixed<Rd>()));
  switch (static_cast<RouteType>(k.type())) {
    case RouteType::kEthernetAd: {
      std::string esi = Br(ToString(r.Fixed<Esi>()));
      return head + ":" + rd + ":" + esi + ":" + Br(std::to_string(r.U32()));
    }
    case RouteType::kMacIp: {
      std::string etag = Br(std::to_string(r.U32()));
      r.U8();
      std::string mac = Br(ToString(r.Fixed<Mac>()));
      IpAddr ip = r.Ip();
      return head + ":" + rd + ":" + etag + ":" + mac + (ip.size ? ":" + Br(ToString(ip)) : "");
    }
    case RouteType::kInclusiveMulticast: {
      std::string etag = Br(std::to_string(r.U32()));
      return head + ":" + rd + ":" + etag + ":" + Br(ToString(r.Ip()));
    }
    case RouteType::kEthernetSegment: {
      std::string esi = Br(ToString(r.Fixed<Esi>()));
      return head + ":" + rd + ":" + esi + ":" + Br(ToString(r.Ip()));
    }
    case RouteType::kIpPrefix: {
      std::string etag = Br(std::to_string(r.U32()));
      std::string len = std::to_string(r.U8());
      return head + ":" + rd + ":" + etag + ":" + Br(ToString(r.Rest()) + "/" + len);
    }
  }
  return head + ":" + Br(wire::ToHex(k.fields()));
}

}  // namespace meshbgp::evpn
