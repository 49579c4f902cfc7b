#include "evpn/nlri_codec.h"

#include <string>

#include "bgpd/wire/bytes.h"

namespace meshbgp::evpn {
namespace {

// The number of routes in `field`, or the error if their framing overruns it.
wire::Result<size_t> CountRoutes(std::span<const uint8_t> field) {
  size_t count = 0;
  for (size_t pos = 0; pos < field.size(); ++count) {
    if (field.size() - pos < 2) {
      return wire::MakeError(wire::ErrorCode::kUpdateMessage,
                             wire::update_error::kOptionalAttributeError,
                             "EVPN NLRI truncated before a route's length at octet " +
                                 std::to_string(pos));
    }
    const size_t len = field[pos + 1];
    if (field.size() - pos - 2 < len) {
      return wire::MakeError(wire::ErrorCode::kUpdateMessage,
                             wire::update_error::kOptionalAttributeError,
                             "EVPN route of type " + std::to_string(field[pos]) + " length " +
                                 std::to_string(len) + " overruns the NLRI field at octet " +
                                 std::to_string(pos));
    }
    pos += 2 + len;
  }
  return count;
}

// Walks a field whose framing CountRoutes accepted.
void Walk(std::span<const uint8_t> field, absl::FunctionRef<void(const EvpnNlriRef&)> fn) {
  for (size_t pos = 0; pos < field.size();) {
    auto raw = field.subspan(pos, 2 + field[pos + 1]);
    fn(EvpnNlriRef{raw[0], raw, CheckValue(raw[0], raw.subspan(2))});
    pos += raw.size();
  }
}

}  // namespace

std::optional<wire::DecodeError> ForEachEvpnNlri(std::span<const uint8_t> field,
                                                 absl::FunctionRef<void(const EvpnNlriRef&)> fn) {
  auto count = CountRoutes(field);
  if (!count.ok()) return count.error();
  Walk(field, fn);
  return std::nullopt;
}

wire::Result<std::vector<EvpnRoute>> DecodeEvpnNlri(std::span<const uint8_t> field) {
  auto count = CountRoutes(field);
  if (!count.ok()) return count.error();
  std::vector<EvpnRoute> routes;
  routes.reserve(*count);
  Walk(field, [&](const EvpnNlriRef& ref) {
    EvpnRoute& r = routes.emplace_back();
    r.type = ref.type;
    r.raw.assign(ref.raw.begin(), ref.raw.end());
    r.reason = ref.reason;
    r.malformed = ref.malformed();
  });
  return routes;
}

void AppendEvpnNlri(std::span<const EvpnRoute> routes, std::vector<uint8_t>& out) {
  for (const EvpnRoute& r : routes) wire::AppendBytes(out, r.raw);
}

}  // namespace meshbgp::evpn
