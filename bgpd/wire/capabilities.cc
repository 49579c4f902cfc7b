#include "bgpd/wire/capabilities.h"

#include <algorithm>
#include <string>

#include "bgpd/wire/bytes.h"

namespace meshbgp::wire {
namespace cc = capability_code;

namespace {

DecodeError Malformed(std::string why) {
  return MakeError(ErrorCode::kOpenMessage, 0, std::move(why));
}

// Decodes the capabilities inside one optional parameter into `caps`.
std::optional<DecodeError> DecodeCapabilityList(std::span<const uint8_t> v, uint8_t param,
                                                Capabilities& caps) {
  size_t pos = 0;
  while (pos < v.size()) {
    if (v.size() - pos < 2) return Malformed("truncated capability header");
    uint8_t code = v[pos];
    uint8_t len = v[pos + 1];
    if (v.size() - pos - 2 < len) {
      return Malformed("capability " + std::to_string(code) + " overruns its parameter");
    }
    std::span<const uint8_t> val = v.subspan(pos + 2, len);
    pos += 2 + len;
    CapabilityLayout::Entry entry{param, code, 1, false};
    auto wrong_length = [&] {
      return Malformed("capability " + std::to_string(code) + " has bad length " +
                       std::to_string(len));
    };
    switch (code) {
      case cc::kMultiprotocol:
        if (len != 4) return wrong_length();
        caps.multiprotocol.push_back(AfiSafi{GetU16(&val[0]), val[3]});
        break;
      case cc::kRouteRefresh:
      case cc::kRouteRefreshOld:
        if (len != 0) return wrong_length();
        caps.route_refresh = true;
        break;
      case cc::kExtendedMessage:
        if (len != 0) return wrong_length();
        caps.extended_message = true;
        break;
      case cc::kEnhancedRouteRefresh:
        if (len != 0) return wrong_length();
        caps.enhanced_route_refresh = true;
        break;
      case cc::kGracefulRestart: {
        if (len < 2 || (len - 2) % 4 != 0) return wrong_length();
        if (caps.graceful_restart) {
          entry.raw = true;
          break;
        }
        GracefulRestart gr;
        uint16_t head = GetU16(&val[0]);
        gr.restart_state = head & 0x8000;
        gr.notification = head & 0x4000;
        gr.restart_time = head & 0x0fff;
        for (size_t i = 2; i < len; i += 4) {
          gr.families.push_back({AfiSafi{GetU16(&val[i]), val[i + 2]}, (val[i + 3] & 0x80) != 0});
        }
        caps.graceful_restart = std::move(gr);
        break;
      }
      case cc::kFourOctetAs: {
        if (len != 4) return wrong_length();
        if (caps.four_octet_as) {
          entry.raw = true;
          break;
        }
        uint32_t as = GetU32(&val[0]);
        if (as == 0) {
          return MakeError(ErrorCode::kOpenMessage, open_error::kBadPeerAs,
                           "4-octet AS capability carries AS 0");
        }
        caps.four_octet_as = as;
        break;
      }
      case cc::kAddPath:
        if (len % 4 != 0) return wrong_length();
        for (size_t i = 0; i < len; i += 4) {
          caps.add_path.push_back(AddPath{AfiSafi{GetU16(&val[i]), val[i + 2]}, val[i + 3]});
        }
        entry.count = static_cast<uint8_t>(len / 4);
        break;
      default:
        entry.raw = true;
        break;
    }
    if (entry.raw) caps.unknown.push_back(RawCapability{code, {val.begin(), val.end()}});
    caps.layout.entries.push_back(entry);
  }
  return std::nullopt;
}

void AppendCap(std::vector<uint8_t>& out, uint8_t code, std::span<const uint8_t> value) {
  out.push_back(code);
  out.push_back(static_cast<uint8_t>(value.size()));
  AppendBytes(out, value);
}

// Tracks which parts of a Capabilities value were written already, so the
// layout can be followed and anything it does not mention appended after.
struct Cursor {
  size_t mp = 0;
  size_t add_path = 0;
  size_t raw = 0;
  bool rr = false, em = false, err = false, gr = false, as4 = false;
};

void AppendGracefulRestart(const GracefulRestart& gr, std::vector<uint8_t>& body) {
  std::vector<uint8_t> v;
  uint16_t head = (gr.restart_state ? 0x8000 : 0) | (gr.notification ? 0x4000 : 0) |
                  (gr.restart_time & 0x0fff);
  AppendU16(v, head);
  for (const auto& f : gr.families) {
    AppendU16(v, f.afi_safi.afi);
    v.push_back(f.afi_safi.safi);
    v.push_back(f.forwarding_preserved ? 0x80 : 0);
  }
  AppendCap(body, cc::kGracefulRestart, v);
}

void AppendAddPath(const Capabilities& caps, size_t from, size_t n, std::vector<uint8_t>& body) {
  std::vector<uint8_t> v;
  for (size_t i = from; i < from + n; ++i) {
    AppendU16(v, caps.add_path[i].afi_safi.afi);
    v.push_back(caps.add_path[i].afi_safi.safi);
    v.push_back(caps.add_path[i].send_receive);
  }
  AppendCap(body, cc::kAddPath, v);
}

void AppendMp(AfiSafi as, std::vector<uint8_t>& body) {
  uint8_t v[4] = {static_cast<uint8_t>(as.afi >> 8), static_cast<uint8_t>(as.afi), 0, as.safi};
  AppendCap(body, cc::kMultiprotocol, v);
}

void AppendFourOctetAs(uint32_t as, std::vector<uint8_t>& body) {
  uint8_t v[4];
  PutU32(v, as);
  AppendCap(body, cc::kFourOctetAs, v);
}

// Writes the capability a layout entry names, if the value still has it.
void AppendEntry(const CapabilityLayout::Entry& e, const Capabilities& caps, Cursor& c,
                 std::vector<uint8_t>& body) {
  if (e.raw) {
    if (c.raw < caps.unknown.size()) {
      const RawCapability& r = caps.unknown[c.raw++];
      AppendCap(body, r.code, r.value);
    }
    return;
  }
  switch (e.code) {
    case cc::kMultiprotocol:
      if (c.mp < caps.multiprotocol.size()) AppendMp(caps.multiprotocol[c.mp++], body);
      break;
    case cc::kRouteRefresh:
    case cc::kRouteRefreshOld:
      if (caps.route_refresh) AppendCap(body, e.code, {}), c.rr = true;
      break;
    case cc::kExtendedMessage:
      if (caps.extended_message) AppendCap(body, e.code, {}), c.em = true;
      break;
    case cc::kEnhancedRouteRefresh:
      if (caps.enhanced_route_refresh) AppendCap(body, e.code, {}), c.err = true;
      break;
    case cc::kGracefulRestart:
      if (caps.graceful_restart && !c.gr) AppendGracefulRestart(*caps.graceful_restart, body);
      c.gr = true;
      break;
    case cc::kFourOctetAs:
      if (caps.four_octet_as && !c.as4) AppendFourOctetAs(*caps.four_octet_as, body);
      c.as4 = true;
      break;
    case cc::kAddPath: {
      size_t n = std::min<size_t>(e.count, caps.add_path.size() - c.add_path);
      if (n > 0) AppendAddPath(caps, c.add_path, n, body);
      c.add_path += n;
      break;
    }
    default:
      break;
  }
}

// Everything the cursor has not written yet, one capability per element.
std::vector<std::vector<uint8_t>> Remainder(const Capabilities& caps, Cursor& c) {
  std::vector<std::vector<uint8_t>> items;
  auto add = [&](auto&& fn) {
    items.emplace_back();
    fn(items.back());
  };
  for (; c.mp < caps.multiprotocol.size(); ++c.mp)
    add([&](auto& b) { AppendMp(caps.multiprotocol[c.mp], b); });
  if (caps.route_refresh && !c.rr) add([](auto& b) { AppendCap(b, cc::kRouteRefresh, {}); });
  if (caps.extended_message && !c.em)
    add([](auto& b) { AppendCap(b, cc::kExtendedMessage, {}); });
  if (caps.graceful_restart && !c.gr)
    add([&](auto& b) { AppendGracefulRestart(*caps.graceful_restart, b); });
  if (caps.four_octet_as && !c.as4)
    add([&](auto& b) { AppendFourOctetAs(*caps.four_octet_as, b); });
  if (c.add_path < caps.add_path.size()) {
    // One capability holds at most 63 tuples (255 / 4).
    while (c.add_path < caps.add_path.size()) {
      size_t n = std::min<size_t>(63, caps.add_path.size() - c.add_path);
      add([&](auto& b) { AppendAddPath(caps, c.add_path, n, b); });
      c.add_path += n;
    }
  }
  if (caps.enhanced_route_refresh && !c.err)
    add([](auto& b) { AppendCap(b, cc::kEnhancedRouteRefresh, {}); });
  for (; c.raw < caps.unknown.size(); ++c.raw)
    add([&](auto& b) { AppendCap(b, caps.unknown[c.raw].code, caps.unknown[c.raw].value); });
  return items;
}

}  // namespace

bool Capabilities::HasFamily(AfiSafi as) const {
  for (const AfiSafi& f : multiprotocol)
    if (f == as) return true;
  return false;
}

Result<Capabilities> DecodeOptionalParameters(std::span<const uint8_t> p) {
  if (p.empty()) return Malformed("missing optional parameters length");
  Capabilities caps;
  std::span<const uint8_t> block;
  bool ext = false;
  if (p[0] == 255 && p.size() >= 2 && p[1] == kOptParamExtendedLength) {
    if (p.size() < 4) return Malformed("truncated extended optional parameters length");
    size_t len = GetU16(&p[2]);
    if (4 + len != p.size()) return Malformed("extended optional parameters length mismatch");
    block = p.subspan(4);
    ext = true;
  } else {
    if (1 + size_t{p[0]} != p.size()) return Malformed("optional parameters length mismatch");
    block = p.subspan(1);
  }
  caps.layout.extended_params = ext;
  size_t hdr = ext ? 3 : 2;
  size_t pos = 0;
  uint8_t index = 0;
  while (pos < block.size()) {
    if (block.size() - pos < hdr) return Malformed("truncated optional parameter header");
    uint8_t type = block[pos];
    size_t len = ext ? GetU16(&block[pos + 1]) : block[pos + 1];
    if (block.size() - pos - hdr < len) return Malformed("optional parameter overruns OPEN");
    if (type != kOptParamCapabilities) {
      return MakeError(ErrorCode::kOpenMessage, open_error::kUnsupportedOptionalParameter,
                       "unsupported optional parameter " + std::to_string(type));
    }
    if (auto err = DecodeCapabilityList(block.subspan(pos + hdr, len), index, caps)) return *err;
    pos += hdr + len;
    if (index < 255) ++index;
  }
  return caps;
}

void EncodeOptionalParameters(const Capabilities& caps, std::vector<uint8_t>& out) {
  // Parameter bodies, each a run of encoded capabilities.
  std::vector<std::vector<uint8_t>> params;
  Cursor cursor;
  int current = -1;
  for (const auto& e : caps.layout.entries) {
    if (current != e.param || params.empty()) {
      params.emplace_back();
      current = e.param;
    }
    AppendEntry(e, caps, cursor, params.back());
  }
  std::erase_if(params, [](const auto& p) { return p.empty(); });
  bool fresh = true;
  for (auto& item : Remainder(caps, cursor)) {
    // Canonically every capability shares one parameter (RFC 5492 allows
    // either), starting another only when a parameter would pass 255 octets.
    if (fresh || params.back().size() + item.size() > 255) params.emplace_back();
    fresh = false;
    AppendBytes(params.back(), item);
  }
  size_t classic = 0;
  bool fits = true;
  for (const auto& p : params) {
    classic += 2 + p.size();
    if (p.size() > 255) fits = false;
  }
  bool ext = caps.layout.extended_params || classic > 255 || !fits;
  if (!ext) {
    out.push_back(static_cast<uint8_t>(classic));
    for (const auto& p : params) {
      out.push_back(kOptParamCapabilities);
      out.push_back(static_cast<uint8_t>(p.size()));
      AppendBytes(out, p);
    }
    return;
  }
  size_t total = 0;
  for (const auto& p : params) total += 3 + p.size();
  out.push_back(255);
  out.push_back(kOptParamExtendedLength);
  AppendU16(out, static_cast<uint16_t>(total));
  for (const auto& p : params) {
    out.push_back(kOptParamCapabilities);
    AppendU16(out, static_cast<uint16_t>(p.size()));
    AppendBytes(out, p);
  }
}

}  // namespace meshbgp::wire
