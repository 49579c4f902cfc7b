// Resolves the configuration into per-session settings: a static neighbor
// merged with its group, or a dynamic peer accepted through a group's
// `allow` range. Pure functions.
#pragma once

#include <optional>

#include <boost/asio/ip/address.hpp>

#include "bgpd/config/config.h"
#include "bgpd/session/session_settings.h"

namespace meshbgp::session {

SessionSettings SettingsForNeighbor(const config::Config& cfg, const config::Neighbor& n);
SessionSettings SettingsForGroup(const config::Config& cfg, const config::Group& g);

// The group whose `allow` range covers `source` (ranges never overlap: the
// config loader refuses that), or null.
const config::Group* GroupAllowing(const config::Config& cfg, const boost::asio::ip::address& source);

// The static neighbor with this address, or null.
const config::Neighbor* FindNeighbor(const config::Config& cfg, const boost::asio::ip::address& a);

// The cluster id a group's reflector uses (RFC 4456): cluster_id or router_id.
uint32_t ClusterIdOf(const config::Config& cfg, const config::Group& g);

}  // namespace meshbgp::session
