// The attributes an update group sends for a path, transformed by the
// group's ExportRules and encoded once per distinct (attribute set, source)
// for the length of one flush or dump, and deduplicated by their bytes so
// prefixes that end up with identical attributes share UPDATE messages.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>

#include "rib/update_group.h"

namespace meshbgp::rib {

class EncodedAttrsCache {
 public:
  // mp_next_hop: the bytes start with the MP_REACH next hop (its length,
  // then its octets), for families announced in MP_REACH_NLRI; paths that
  // differ only in next hop then get different ids.
  EncodedAttrsCache(const ExportRules& rules, bool four_octet_as, bool mp_next_hop = false);
  EncodedAttrsCache(const EncodedAttrsCache&) = delete;
  EncodedAttrsCache& operator=(const EncodedAttrsCache&) = delete;

  // Dense id of the bytes `path` is sent with: equal bytes, equal id.
  uint32_t Get(const Path& path);
  std::span<const uint8_t> bytes(uint32_t id) const { return encoded_[id]; }
  size_t distinct() const { return encoded_.size(); }

 private:
  const ExportRules& rules_;
  const bool four_octet_as_;
  const bool mp_next_hop_;
  absl::flat_hash_map<std::pair<const AttrSet*, const PeerInfo*>, uint32_t> by_path_;
  std::vector<AttrRef> pinned_;  // keeps the AttrSet* keys from being reused
  std::deque<std::vector<uint8_t>> encoded_;  // deque: views into it stay valid
  absl::flat_hash_map<std::string_view, uint32_t> by_bytes_;
  std::vector<uint8_t> scratch_;
};

}  // namespace meshbgp::rib
