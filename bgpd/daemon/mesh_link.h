// Connects DNS discovery (mesh/) to the speaker: runs one Discovery for the
// configuration's mesh groups and, whenever a group's answer changes, hands
// the speaker the file's configuration plus the mesh peers as neighbors
// (session/mesh_neighbors.h), so the speaker's own diff adds and removes
// them without touching any other session. Also answers whether the first
// mesh sync is done (readiness) and what `bgpctl show mesh` shows.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <absl/status/status.h>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "bgpd/config/config.h"
#include "bgpd/session/mesh_neighbors.h"
#include "bgpd/session/speaker.h"
#include "mesh/discovery.h"

namespace meshbgp::daemon {

// One mesh group as `bgpctl show mesh`, /metrics and the looking glass
// show it: its source, DNS status and each resolved address's session.
struct MeshGroupView {
  std::string group;
  config::MeshSource source;
  std::optional<mesh::MeshStatus> status;  // none before discovery started
  struct Peer {
    std::string address;
    bool chosen = false;  // a peer (max_peers may leave some out)
    session::State state = session::State::kIdle;
    bool initial_table_received = false;
  };
  std::vector<Peer> peers;
};

class MeshLink {
 public:
  MeshLink(boost::asio::io_context& io, session::Speaker& speaker);
  ~MeshLink();

  // Applies `base` plus the current mesh peers; (re)starts discovery when
  // the mesh groups changed. The first call starts the speaker.
  absl::Status Configure(const config::Config& base);
  void Stop();

  // Every mesh group got an answer, and each chosen peer is Established
  // with its End-of-RIB received. True without mesh groups.
  bool Synced() const;
  // Every mesh group, in configuration order.
  std::vector<MeshGroupView> View() const;
  // `bgpctl show mesh` (docs/bgpctl.md).
  nlohmann::json Json() const;

 private:
  struct Spec {
    std::string group;
    config::MeshSource source;
    friend bool operator==(const Spec&, const Spec&) = default;
  };
  void OnChange(uint64_t generation, const std::string& group);  // on io_
  absl::Status ApplyLocked();  // mu_ held
  void StartDiscoveryLocked(const config::Config& base, std::vector<Spec> specs);  // mu_ held

  boost::asio::io_context& io_;
  session::Speaker& speaker_;
  mutable std::mutex mu_;
  config::Config base_;
  std::vector<Spec> specs_;
  std::vector<mesh::Address> local_;  // ours: never peers
  std::map<std::string, session::MeshMembers> members_;  // by group
  std::shared_ptr<mesh::Discovery> discovery_;
  uint64_t generation_ = 0;  // changes from a replaced Discovery are dropped
};

}  // namespace meshbgp::daemon
