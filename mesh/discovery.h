// Discovery: keeps each mesh group's desired iBGP peers in step with DNS.
// Per group it re-resolves every `interval`, sooner when the records' TTL
// runs out (never more often than `min_delay`), backs off exponentially with
// jitter on errors (logged, never fatal), and reports changes through
// on_change(group, added, removed), also called with both empty when an
// answer changed the resolved set but not the peers (max_peers). Status() feeds `bgpctl show mesh`.
// The peer bookkeeping rules (exclusion, grace, max_peers) are DesiredPeers'.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <absl/status/statusor.h>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "mesh/peer_set.h"
#include "mesh/resolver.h"

namespace meshbgp::mesh {

struct MeshGroupSpec {
  std::string group;  // config group name, passed back to on_change
  std::string dns;    // resolv.conf search domains apply
  std::chrono::milliseconds interval{5000};
  uint32_t max_peers = 0;  // 0 = all
  // How long NXDOMAIN / no data keeps the current peers.
  std::chrono::milliseconds grace{30000};
};

struct DiscoveryOptions {
  uint32_t router_id = 0;               // rendezvous seed for max_peers
  std::vector<Address> local_addresses;  // never peers: see LocalAddresses()
  ResolverOptions resolver;
  std::chrono::milliseconds min_delay{1000};  // floor between resolutions
  std::chrono::milliseconds backoff_initial{1000};
  std::chrono::milliseconds backoff_max{60000};
};

struct MeshStatus {
  std::string group;
  std::string dns;
  std::vector<Address> resolved;  // last answer, as DNS gave it (sorted)
  std::vector<Address> peers;     // desired peers after exclusion/max_peers
  std::chrono::seconds ttl{0};    // min TTL of the last answer
  // Last attempt that got an answer (addresses, NXDOMAIN or no data).
  std::optional<std::chrono::system_clock::time_point> last_resolution;
  std::string last_error;  // "" when the last attempt got an answer
  uint32_t consecutive_errors = 0;
  // Since this Discovery started (a reload that changes the mesh groups
  // starts a new one): attempts that ended, and those that failed as
  // consecutive_errors counts them (timeouts, SERVFAIL: NXDOMAIN and no
  // data are answers).
  uint64_t resolutions = 0;
  uint64_t errors = 0;
};

using OnMeshChange = std::function<void(const std::string& group,
                                        const std::vector<Address>& added,
                                        const std::vector<Address>& removed)>;

class Discovery : public std::enable_shared_from_this<Discovery> {
 public:
  // Fails on a bad resolver option (e.g. unparsable servers).
  static absl::StatusOr<std::shared_ptr<Discovery>> Create(
      boost::asio::any_io_executor executor, std::vector<MeshGroupSpec> groups,
      DiscoveryOptions options, OnMeshChange on_change);
  ~Discovery();

  // Resolves every group now, then on its schedule. on_change runs on the
  // discovery's strand.
  void Start();
  // Re-resolves every group now (e.g. on SIGHUP); no-op once stopped.
  void ResolveNow();
  // Cancels timers and queries. Once it returns on_change is not called
  // again (safe to call from inside on_change).
  void Stop();
  // Thread-safe snapshot, one entry per group in configuration order.
  std::vector<MeshStatus> Status() const;

 private:
  struct Group;

  Discovery(boost::asio::any_io_executor executor, DiscoveryOptions options,
            OnMeshChange on_change);
  void Resolve(size_t index);
  void OnResult(size_t index, ResolveResult result);
  void Schedule(size_t index, std::chrono::milliseconds delay);
  std::chrono::milliseconds Backoff(uint32_t errors);

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  DiscoveryOptions options_;
  OnMeshChange on_change_;
  std::shared_ptr<Resolver> resolver_;
  std::vector<std::unique_ptr<Group>> groups_;  // touched on strand_ only
  std::minstd_rand rng_;
  std::atomic<bool> stopped_{false};
  std::recursive_mutex callback_mu_;  // Stop() waits out a running on_change
  mutable std::mutex status_mu_;
  std::vector<MeshStatus> status_;
};

}  // namespace meshbgp::mesh
