// Text forms of EVPN routes for bgpctl, the API and logs. The one-line form
// names a route by its key, as FRR and GoBGP do:
//   [1]:[RD]:[ESI]:[ETag]          [2]:[RD]:[ETag]:[MAC]:[IP]  (":[IP]" only if present)
//   [3]:[RD]:[ETag]:[IP]           [4]:[RD]:[ESI]:[IP]
//   [5]:[RD]:[ETag]:[prefix/len]   [T]:[hex value] (unknown type or malformed)
// RouteFields carries every field as text so the API layer can serialise it
// (evpn itself knows nothing of JSON).
#pragma once

#include <string>

#include "evpn/route.h"

namespace meshbgp::evpn {

std::string RouteToString(const EvpnRoute& r);

// Empty strings are fields the route's type does not have.
struct RouteFields {
  std::string type;        // "2"
  std::string type_name;   // "mac-ip" (TypeName)
  std::string rd;          // "10.0.0.1:100"
  std::string esi;         // "00:00:00:00:00:00:00:00:00:00"
  std::string etag;        // "0"
  std::string mac;         // "02:00:00:00:00:01"
  std::string ip;          // type 2 IP, type 3/4 originating router
  std::string prefix;      // type 5 "10.9.0.0/24"
  std::string gateway;     // type 5 gateway IP
  std::string label;       // "label 6 vni 100" (label1 for type 2)
  std::string label2;      // type 2 second label
  std::string raw;         // the whole NLRI, hex
  std::string malformed;   // the reason, when malformed
};
RouteFields FieldsOf(const EvpnRoute& r);

}  // namespace meshbgp::evpn
