// BGP capabilities (RFC 5492) carried in the OPEN's optional parameters, in
// both the classic and the RFC 9072 extended parameter-length encodings.
// Decoding keeps enough of the received layout (which parameter held which
// capability, in what order) that EncodeOptionalParameters reproduces the
// received bytes; with an empty layout it writes a canonical form.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "bgpd/wire/result.h"
#include "bgpd/wire/types.h"

namespace meshbgp::wire {

namespace capability_code {
inline constexpr uint8_t kMultiprotocol = 1;        // RFC 4760
inline constexpr uint8_t kRouteRefresh = 2;         // RFC 2918
inline constexpr uint8_t kExtendedMessage = 6;      // RFC 8654
inline constexpr uint8_t kGracefulRestart = 64;     // RFC 4724
inline constexpr uint8_t kFourOctetAs = 65;         // RFC 6793
inline constexpr uint8_t kAddPath = 69;             // RFC 7911
inline constexpr uint8_t kEnhancedRouteRefresh = 70;  // RFC 7313
inline constexpr uint8_t kRouteRefreshOld = 128;    // pre-standard Cisco code
}  // namespace capability_code

inline constexpr uint8_t kOptParamCapabilities = 2;  // RFC 5492
inline constexpr uint8_t kOptParamExtendedLength = 255;  // RFC 9072

struct GracefulRestart {
  bool restart_state = false;  // R bit
  bool notification = false;   // N bit (RFC 8538)
  uint16_t restart_time = 0;   // seconds, 12 bits
  struct Afi {
    AfiSafi afi_safi;
    bool forwarding_preserved = false;
  };
  std::vector<Afi> families;
};

struct AddPath {
  AfiSafi afi_safi;
  uint8_t send_receive = 0;  // 1 receive, 2 send, 3 both
};

struct RawCapability {
  uint8_t code = 0;
  std::vector<uint8_t> value;
};

// Where each capability sat in the received OPEN (see file comment).
struct CapabilityLayout {
  struct Entry {
    uint8_t param = 0;  // index of the optional parameter that held it
    uint8_t code = 0;
    uint8_t count = 1;  // ADD-PATH tuples it carried
    bool raw = false;   // stored in Capabilities::unknown
  };
  std::vector<Entry> entries;
  bool extended_params = false;  // received in the RFC 9072 encoding
  bool empty() const { return entries.empty() && !extended_params; }
};

struct Capabilities {
  std::vector<AfiSafi> multiprotocol;
  std::optional<uint32_t> four_octet_as;
  bool route_refresh = false;
  bool enhanced_route_refresh = false;
  bool extended_message = false;
  std::optional<GracefulRestart> graceful_restart;
  std::vector<AddPath> add_path;
  // Unknown codes, and repeats of single-instance ones (GR, 4-octet AS),
  // kept as received.
  std::vector<RawCapability> unknown;
  CapabilityLayout layout;

  bool HasFamily(AfiSafi as) const;
};

// `params` starts at the OPEN's "Opt Parm Len" octet and runs to the end of
// the OPEN body. Errors: a parameter other than Capabilities 2/4; lengths
// that do not add up, or a known capability of the wrong length 2/0
// (unspecific, as FRR and BIRD do: RFC 5492 names no subcode for it);
// 4-octet AS 0 2/2 (RFC 7607).
Result<Capabilities> DecodeOptionalParameters(std::span<const uint8_t> params);

// Appends "Opt Parm Len" and the parameters. The RFC 9072 form is used when
// the layout says so or when the parameters exceed 255 octets.
void EncodeOptionalParameters(const Capabilities& caps, std::vector<uint8_t>& out);

}  // namespace meshbgp::wire
