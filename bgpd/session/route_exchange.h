// Where sessions meet the RIB: received UPDATEs pass the import checks and
// enter the Loc-RIB of their family (IPv4 unicast, EVPN); Established
// sessions join, for each family they negotiated, the update group for
// their export rules and encoding; a closed session's paths are withdrawn
// from everyone. Policy comes from bgpd/policy, storage from rib/.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "bgpd/config/config.h"
#include "bgpd/policy/export_rules.h"
#include "bgpd/session/session.h"
#include "rib/attr_store.h"
#include "rib/loc_rib.h"
#include "rib/update_group.h"

namespace meshbgp::session {

class RouteExchange {
 public:
  explicit RouteExchange(boost::asio::io_context& io);
  ~RouteExchange();

  // Export settings per group name; sessions that join later use them.
  void SetConfig(const config::Config& cfg);

  void Join(const std::shared_ptr<Session>& s);
  // Applies one UPDATE; returns the NOTIFICATION to end the session with
  // when it breaches max_prefixes.
  std::optional<wire::Notification> Import(Session& s, wire::Update& u);
  // ROUTE-REFRESH: send the session our whole table of `family` again
  // (RFC 2918: only the AFI/SAFI asked for).
  void Refresh(Session& s, wire::Family family);
  void Leave(Session& s);

  const rib::LocRib<wire::Ipv4Prefix>& ipv4() const { return ipv4_; }
  const rib::LocRib<evpn::EvpnKey, rib::EvpnPath>& evpn() const { return evpn_; }
  const rib::AttrStore& attrs() const { return attrs_; }
  // The export rules a member of `group` gets, for "show rib out".
  std::shared_ptr<const policy::GroupExportRules> RulesFor(const std::string& group) const;
  size_t GroupCount() const;
  std::vector<std::pair<std::string, rib::UpdateGroupStats>> GroupStats() const;

 private:
  // The groups of one family and what Join/Leave/MarkDirty do with them.
  template <typename Family>
  struct Groups {
    std::map<std::string, std::unique_ptr<rib::UpdateGroupT<Family>>> by_key;
    std::map<const Session*, rib::UpdateGroupT<Family>*> membership;
  };
  template <typename Family>
  void JoinGroup(Groups<Family>& groups, const rib::LocRib<typename Family::Key,
                 typename Family::PathT>& rib, const std::shared_ptr<Session>& s,
                 const std::string& key, std::shared_ptr<const policy::GroupExportRules> rules);
  template <typename Family>
  static void LeaveGroup(Groups<Family>& groups, Session& s);
  template <typename Family>
  void MarkDirty(Groups<Family>& groups, const std::vector<typename Family::Key>& keys,
                 rib::PeerId cause);
  // The EVPN routes of `u` into the lists below; false when one of them is
  // malformed (RFC 7606 treat-as-withdraw for the whole UPDATE).
  static bool ReadEvpn(const Session& s, const wire::Update& u);

  boost::asio::io_context& io_;
  rib::AttrStore attrs_;  // must outlive every AttrRef: declared first
  rib::LocRib<wire::Ipv4Prefix> ipv4_;
  rib::LocRib<evpn::EvpnKey, rib::EvpnPath> evpn_;

  mutable std::shared_mutex mu_;  // guards the maps below
  std::map<std::string, std::shared_ptr<const policy::GroupExportRules>> rules_;
  Groups<rib::Ipv4Family> ipv4_groups_;
  Groups<rib::EvpnFamily> evpn_groups_;
};

}  // namespace meshbgp::session
