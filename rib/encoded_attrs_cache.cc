// Transform + encode once per distinct attribute set and source.
#include "rib/encoded_attrs_cache.h"

#include <algorithm>

#include "bgpd/wire/attrs_codec.h"

namespace meshbgp::rib {

EncodedAttrsCache::EncodedAttrsCache(const ExportRules& rules, bool four_octet_as,
                                     bool mp_next_hop)
    : rules_(rules), four_octet_as_(four_octet_as), mp_next_hop_(mp_next_hop) {}

uint32_t EncodedAttrsCache::Get(const Path& path) {
  const auto [it, inserted] = by_path_.try_emplace({path.attrs.get(), path.peer}, 0);
  if (!inserted) return it->second;
  pinned_.push_back(path.attrs);

  scratch_.clear();
  wire::EncodeOptions options;
  options.four_octet_as = four_octet_as_;
  const wire::PathAttrs sent = rules_.Transform(path);
  if (mp_next_hop_) {
    // An MP_REACH next hop is at most 32 octets (RFC 4760 §3, RFC 2545).
    const size_t n = std::min<size_t>(sent.mp_next_hop.size(), 255);
    scratch_.push_back(static_cast<uint8_t>(n));
    scratch_.insert(scratch_.end(), sent.mp_next_hop.begin(), sent.mp_next_hop.begin() + n);
  }
  wire::EncodeAttrs(sent, options, scratch_);
  const std::string_view view(reinterpret_cast<const char*>(scratch_.data()), scratch_.size());
  if (auto found = by_bytes_.find(view); found != by_bytes_.end()) {
    it->second = found->second;
    return found->second;
  }
  const auto id = static_cast<uint32_t>(encoded_.size());
  const std::vector<uint8_t>& stored = encoded_.emplace_back(scratch_);
  by_bytes_.emplace(std::string_view(reinterpret_cast<const char*>(stored.data()), stored.size()),
                    id);
  it->second = id;
  return id;
}

}  // namespace meshbgp::rib
