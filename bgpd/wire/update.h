// UPDATE messages (RFC 4271 §4.3, RFC 4760): the Withdrawn Routes, Path
// Attributes and NLRI fields, End-of-RIB markers (RFC 4724 §2), and the
// encoders the Adj-RIB-Out uses to pack many prefixes into few messages.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bgpd/wire/attrs_codec.h"
#include "bgpd/wire/result.h"
#include "bgpd/wire/types.h"

namespace meshbgp::wire {

struct Update {
  std::vector<Ipv4Prefix> withdrawn;
  std::vector<Ipv4Prefix> nlri;
  std::optional<MpReach> mp_reach;
  std::optional<MpUnreach> mp_unreach;
  PathAttrs attrs;
  bool has_attrs = false;  // some attribute other than MP_UNREACH was present
  // RFC 7606: every route in nlri and mp_reach must be withdrawn instead of
  // installed; withdrawn and mp_unreach are processed as usual.
  bool treat_as_withdraw = false;
  std::vector<std::string> discarded;  // what was dropped or wrong, for the log
  WireLayout layout;
};

// `body` is the message after its header. Session-reset errors: the
// Withdrawn Routes Length or Total Path Attribute Length overrunning the
// message 3/1; a Withdrawn Routes or NLRI field that is syntactically wrong
// (prefix longer than 32, or truncated) 3/10 (RFC 4271 §6.3, RFC 7606 §3 g,
// §5.3); and those of DecodeAttrs. Routes present without ORIGIN, AS_PATH,
// or (for the NLRI field) NEXT_HOP are treat-as-withdraw (RFC 7606 §3 d).
// Prefixes with host bits set are kept with the bits cleared, and noted.
Result<Update> DecodeUpdate(std::span<const uint8_t> body, const DecodeOptions& opts);

// The family an End-of-RIB marker stands for: an UPDATE with nothing in it
// is IPv4's; one with only an empty MP_UNREACH is that family's.
std::optional<Family> EndOfRib(const Update& u);

// One whole message. Reproduces the received bytes of any well-formed
// UPDATE that DecodeUpdate returned (with the same four_octet_as), using
// u.layout; canonical when the layout is empty.
std::vector<uint8_t> EncodeUpdate(const Update& u, const EncodeOptions& opts);

// Appends as many UPDATEs as it takes to announce `nlri` with the given
// encoded attributes, each filled up to max_message_size. Returns false
// (appending nothing) when the attributes leave no room for a prefix.
bool AppendIpv4Updates(std::span<const uint8_t> encoded_attrs, std::span<const Ipv4Prefix> nlri,
                       size_t max_message_size, std::vector<uint8_t>& out);

// Appends as many UPDATEs as it takes to withdraw `prefixes`.
void AppendIpv4Withdraws(std::span<const Ipv4Prefix> prefixes, size_t max_message_size,
                         std::vector<uint8_t>& out);

std::vector<uint8_t> EncodeEndOfRib(Family f);

}  // namespace meshbgp::wire
