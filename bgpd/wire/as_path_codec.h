// AS_PATH and AS4_PATH values (RFC 4271 §4.3, RFC 6793): segment syntax,
// 2- and 4-octet encodings, and the reconciliation of AS4_PATH into an
// AS_PATH received from a 2-octet-only speaker.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "bgpd/wire/types.h"

namespace meshbgp::wire {

// nullopt when malformed (RFC 7606 §7.2): an unknown segment type, an empty
// segment, a segment that overruns the value or a stray trailing octet; or
// AS 0 anywhere (RFC 7607).
std::optional<AsPath> DecodeAsPath(std::span<const uint8_t> value, bool four_octet);

// Appends the attribute value. Segments longer than 255 ASNs are split.
// In the 2-octet form ASNs above 65535 are written as AS_TRANS.
void AppendAsPathValue(const AsPath& path, bool four_octet, std::vector<uint8_t>& out);

// True when some ASN does not fit 2 octets (a 2-octet session then needs
// AS4_PATH beside AS_PATH).
bool HasFourOctetAsn(const AsPath& path);

// The path as AS4_PATH carries it: confederation segments never go there
// (RFC 6793 §3).
AsPath WithoutConfedSegments(const AsPath& path);

// RFC 6793 §4.2.3: when AS_PATH counts fewer ASNs than AS4_PATH the latter
// is ignored; otherwise the leading ASNs of AS_PATH that AS4_PATH lacks
// (added by 2-octet speakers) are put in front of AS4_PATH. Counting
// follows RFC 4271 §9.1.2.2: a set is 1, confederation segments 0.
AsPath MergeAs4Path(const AsPath& as_path, const AsPath& as4_path);

}  // namespace meshbgp::wire
