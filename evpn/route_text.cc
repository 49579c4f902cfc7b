#include "evpn/route_text.h"

#include "bgpd/wire/hex.h"
#include "evpn/route_key.h"

namespace meshbgp::evpn {

std::string RouteToString(const EvpnRoute& r) { return ToString(KeyOf(r)); }

RouteFields FieldsOf(const EvpnRoute& r) {
  RouteFields f;
  f.type = std::to_string(r.type);
  f.type_name = TypeName(r.type);
  f.raw = wire::ToHex(r.raw);
  f.malformed = std::string(r.reason);
  if (auto v = AsEthernetAd(r)) {
    f.rd = ToString(v->rd), f.esi = ToString(v->esi), f.etag = std::to_string(v->etag);
    f.label = ToString(v->label);
  } else if (auto v = AsMacIp(r)) {
    f.rd = ToString(v->rd), f.esi = ToString(v->esi), f.etag = std::to_string(v->etag);
    f.mac = ToString(v->mac), f.ip = ToString(v->ip), f.label = ToString(v->label1);
    if (v->label2) f.label2 = ToString(*v->label2);
  } else if (auto v = AsInclusiveMulticast(r)) {
    f.rd = ToString(v->rd), f.etag = std::to_string(v->etag), f.ip = ToString(v->originator);
  } else if (auto v = AsEthernetSegment(r)) {
    f.rd = ToString(v->rd), f.esi = ToString(v->esi), f.ip = ToString(v->originator);
  } else if (auto v = AsIpPrefix(r)) {
    f.rd = ToString(v->rd), f.esi = ToString(v->esi), f.etag = std::to_string(v->etag);
    f.prefix = ToString(v->prefix) + "/" + std::to_string(v->prefix_len);
    f.gateway = ToString(v->gateway), f.label = ToString(v->label);
  }
  return f;
}

}  // namespace meshbgp::evpn
