// What a route server sends to each kind of session: the iBGP split rules,
// route reflection (RFC 4456), route-server transparency (RFC 7947) and the
// per-member exclusions (split horizon, sender-side AS loop detection).
// One object per configured group; the RIB's update groups call it.
#pragma once

#include <cstdint>

#include "rib/update_group.h"

namespace meshbgp::policy {

struct ExportSettings {
  uint32_t local_as = 0;
  bool ibgp = false;            // the group's members are internal peers
  bool route_server = true;     // eBGP: don't prepend our AS (RFC 7947)
  bool route_reflector = false;  // internal: members are our RR clients
  uint32_t cluster_id = 0;      // RFC 4456, host order
  friend bool operator==(const ExportSettings&, const ExportSettings&) = default;
};

class GroupExportRules : public rib::ExportRules {
 public:
  explicit GroupExportRules(ExportSettings s) : s_(s) {}
  const ExportSettings& settings() const { return s_; }

  bool GroupAccepts(const rib::Path& path) const override;
  bool MemberAccepts(const rib::PeerInfo& member, const rib::Path& path) const override;
  wire::PathAttrs Transform(const rib::Path& path) const override;

 private:
  const ExportSettings s_;
};

}  // namespace meshbgp::policy
