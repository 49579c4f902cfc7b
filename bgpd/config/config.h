// The daemon's configuration model, one for both input formats (native YAML
// and, later, meshrr's ConfigMap). Key names are a contract: see
// shared/design/CONFIG.md. Loading never throws; errors carry file:line:col.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <absl/status/statusor.h>

#include "bgpd/wire/types.h"

namespace meshbgp::config {

// An IPv4 or IPv6 prefix used for `allow` ranges.
struct IpPrefix {
  bool v6 = false;
  std::array<uint8_t, 16> addr{};  // IPv4 in the first 4 bytes
  uint8_t len = 0;
  bool Contains(const std::array<uint8_t, 16>& a, bool a_v6) const;
  std::string ToString() const;
  friend bool operator==(const IpPrefix&, const IpPrefix&) = default;
};

struct AsRange {
  uint32_t low = 0;
  uint32_t high = 0;
  bool Contains(uint32_t asn) const { return asn >= low && asn <= high; }
  friend bool operator==(const AsRange&, const AsRange&) = default;
};

enum class GroupType { kInternal, kExternal };

struct MeshSource {
  std::string dns;
  uint16_t port = 179;
  std::chrono::milliseconds interval{5000};
  uint32_t max_peers = 0;
  // How long NXDOMAIN / an empty answer keeps the current peers (a Service
  // briefly without Ready endpoints must not tear the mesh down).
  std::chrono::milliseconds empty_grace{30000};
  friend bool operator==(const MeshSource&, const MeshSource&) = default;
};

// RFC 4724 graceful restart, with RFC 8538's notification extension
// (docs/configuration.md#graceful_restart). The top-level block is the
// default of every group; a group's block overrides it key by key.
struct GracefulRestartConfig {
  bool enabled = true;              // advertise the capability, act as helper
  uint32_t restart_time = 120;      // s we ask peers to keep our routes (12 bits)
  uint32_t stale_routes_time = 360; // s a returning peer has to send End-of-RIB
  bool notification = true;         // RFC 8538 N bit
  // Top level only: how long after start our first advertisements wait for
  // the peers' End-of-RIB (RFC 4724 §4.1 Selection_Deferral_Timer).
  uint32_t select_defer_time = 30;
  friend bool operator==(const GracefulRestartConfig&, const GracefulRestartConfig&) = default;
};

struct Group {
  std::string name;
  GroupType type = GroupType::kExternal;
  std::vector<wire::Family> families{wire::Family::kIpv4Unicast};
  std::optional<MeshSource> mesh;
  std::vector<IpPrefix> allow;
  std::vector<AsRange> peer_as;  // empty = any AS (but our own for external)
  bool route_server = true;
  bool route_reflector = false;
  std::optional<uint32_t> cluster_id;
  uint8_t multihop = 1;  // TTL of our packets (reader: 64 for internal groups)
  bool ttl_security = false;
  std::string password;
  uint32_t max_prefixes = 0;  // per session per family; 0 = no limit
  // After a max_prefixes Cease the peer's address is refused (and a static
  // neighbor not reconnected) for this long; 0 = it may come back at once.
  std::chrono::milliseconds max_prefixes_restart{0};
  // Sessions from `allow` ranges at once (any state but Idle); 0 = no limit.
  uint32_t max_sessions = 1000;
  // TCP connections admitted per source address in any 60 s; 0 = no limit.
  uint32_t max_connects_per_minute = 60;
  bool passive = false;       // true by default when `allow` is set
  uint16_t hold_time = 90;
  GracefulRestartConfig graceful_restart;  // the top-level block, overridden
  // meshrr's "subtractive" group (--meshrr-config): `allow` minus the
  // addresses the mesh groups currently resolve. The session layer must
  // not accept a mesh-resolved address in this group even while it is
  // inside `allow` (CONFIG.md §1 says so for every group; this flag marks
  // the groups that came from meshrr, where cRPD rewrote `allow` instead).
  bool subtractive = false;
  friend bool operator==(const Group&, const Group&) = default;
};

struct Neighbor {
  std::string address;  // literal IPv4/IPv6
  uint32_t peer_as = 0;
  std::string group;
  uint16_t port = 179;
  std::optional<bool> passive;  // overrides the group's
  // TCP MD5 key; overrides the group's when set, and "" then means none
  // even in a group with a password. Read it through Config::PasswordOf.
  std::optional<std::string> password;
  friend bool operator==(const Neighbor&, const Neighbor&) = default;
};

struct ApiConfig {
  std::string socket;  // unix socket path for bgpctl
  std::string http;    // "host:port" or "" (disabled)
  friend bool operator==(const ApiConfig&, const ApiConfig&) = default;
};

struct LogConfig {
  std::string level = "info";  // trace debug info warn error critical off
  std::string format = "text";  // text | json
  friend bool operator==(const LogConfig&, const LogConfig&) = default;
};

// The MRT update log (docs/mrt.md): every UPDATE received and every
// session state change as BGP4MP records, in files rotated by time.
struct MrtUpdatesConfig {
  std::string file;  // strftime pattern, expanded in UTC; "" = no log
  std::chrono::milliseconds interval{0};  // rotation period, whole seconds; 0 = never
  uint32_t max_files = 0;  // files kept (oldest removed first); 0 = all
  friend bool operator==(const MrtUpdatesConfig&, const MrtUpdatesConfig&) = default;
};

struct MrtConfig {
  MrtUpdatesConfig updates;
  friend bool operator==(const MrtConfig&, const MrtConfig&) = default;
};

struct Config {
  uint32_t asn = 0;
  uint32_t router_id = 0;  // host order
  std::vector<std::string> listen{"0.0.0.0:179", "[::]:179"};
  uint32_t threads = 0;  // 0 = one per core
  uint16_t hold_time = 90;
  GracefulRestartConfig graceful_restart;
  ApiConfig api;
  LogConfig log;
  MrtConfig mrt;
  std::vector<Group> groups;
  std::vector<Neighbor> neighbors;
  // SIGTERM: seconds /readyz fails before sessions are closed, so that the
  // Service and MetalLB stop sending clients first.
  uint32_t drain_seconds = 0;
  // /readyz waits at most this long for the first mesh sync.
  std::chrono::milliseconds ready_timeout{60000};
  std::string source;  // file name the config came from, or "<default>"

  const Group* FindGroup(std::string_view name) const;
  // The TCP MD5 key a static neighbor's sessions use: its own password if
  // set, else its group's; "" = none.
  std::string PasswordOf(const Neighbor& n) const;
  friend bool operator==(const Config&, const Config&) = default;
};

// Parses YAML text. `origin` names it in errors ("bgpd.yaml:12:3: ...").
// ${VAR} and ${VAR:-default} are expanded from the environment first.
absl::StatusOr<Config> ParseConfig(std::string_view yaml_text, std::string_view origin);
absl::StatusOr<Config> LoadConfigFile(const std::string& path);

// The embedded default (CONFIG.md §4), with runtime-dependent values
// (router id, API socket directory) filled in.
Config DefaultConfig();
// The same default as YAML text, ready to copy and edit.
std::string DefaultConfigYaml();

// The configuration as native YAML that ParseConfig reads back to an equal
// Config (`bgpd --print-config`). See config_writer.h for a commented form.
std::string ConfigToYaml(const Config& config);

// "65000.1" or "4259840001" -> 4259840001.
std::optional<uint32_t> ParseAsn(std::string_view text);
std::string AsnToString(uint32_t asn);  // asplain

}  // namespace meshbgp::config
