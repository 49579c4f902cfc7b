#include "bgpd/config/config_writer.h"
#include "bgpd/config/absl_compat.h"

#include <algorithm>

#include <absl/strings/str_cat.h>
#include <absl/strings/str_format.h>
#include <absl/strings/str_join.h>

#include "bgpd/config/asn.h"
#include "bgpd/config/duration.h"
#include "bgpd/config/env_expand.h"
#include "bgpd/config/ip_prefix.h"
#include "bgpd/config/keywords.h"

namespace meshbgp::config {
namespace {

constexpr size_t kCommentColumn = 40;

bool PlainSafe(std::string_view v) {
  if (v.empty() || v.front() == '-') return false;
  // yaml-cpp reads these plain words as null.
  if (v == "~" || v == "null" || v == "Null" || v == "NULL") return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '/' || c == '-';
  });
}

class Writer {
 public:
  explicit Writer(YamlStyle style) : commented_(style == YamlStyle::kCommented) {}

  // "KEY: VALUE" at `indent` spaces (or "- KEY: VALUE" when `item`), with
  // the comment aligned after it.
  void Line(int indent, std::string_view key, std::string_view value,
            std::string_view comment = {}, bool item = false) {
    std::string line(static_cast<size_t>(indent), ' ');
    if (item) line.replace(line.size() - 2, 2, "- ");
    absl::StrAppend(&line, ToAbsl(key), ":");
    if (!value.empty()) absl::StrAppend(&line, " ", ToAbsl(value));
    if (commented_ && !comment.empty()) {
      line.resize(std::max(line.size() + 1, kCommentColumn), ' ');
      absl::StrAppend(&line, "# ", ToAbsl(comment));
    }
    absl::StrAppend(&out_, line, "\n");
  }
  std::string Take() { return std::move(out_); }

 private:
  bool commented_;
  std::string out_;
};

template <typename Range, typename Fn>
std::string FlowList(const Range& items, Fn to_scalar) {
  std::vector<std::string> parts;
  for (const auto& item : items) parts.push_back(to_scalar(item));
  return absl::StrCat("[", absl::StrJoin(parts, ", "), "]");
}

std::string Bool(bool b) { return b ? "true" : "false"; }

// The group's block holds only what differs from the top-level one, so a
// file that never overrides reads back the same.
void WriteGracefulRestart(Writer& w, int indent, const GracefulRestartConfig& gr,
                          const GracefulRestartConfig* top, bool always_enabled = false) {
  auto differs = [&](auto field) { return top == nullptr || gr.*field != top->*field; };
  const bool any = differs(&GracefulRestartConfig::enabled) ||
                   differs(&GracefulRestartConfig::restart_time) ||
                   differs(&GracefulRestartConfig::stale_routes_time) ||
                   differs(&GracefulRestartConfig::notification);
  if (!any) return;
  w.Line(indent, "graceful_restart", "", "RFC 4724; RFC 8538 with notification: true");
  const int in = indent + 2;
  if (always_enabled || differs(&GracefulRestartConfig::enabled))
    w.Line(in, "enabled", Bool(gr.enabled), "advertise the capability and keep restarting peers' routes");
  if (differs(&GracefulRestartConfig::restart_time))
    w.Line(in, "restart_time", absl::StrCat(gr.restart_time), "seconds peers keep our routes, 0..4095");
  if (differs(&GracefulRestartConfig::stale_routes_time))
    w.Line(in, "stale_routes_time", absl::StrCat(gr.stale_routes_time),
           "seconds a returning peer has to send End-of-RIB");
  if (differs(&GracefulRestartConfig::notification))
    w.Line(in, "notification", Bool(gr.notification), "RFC 8538: a NOTIFICATION but Hard Reset keeps routes");
  if (top == nullptr)
    w.Line(in, "select_defer_time", absl::StrCat(gr.select_defer_time),
           "seconds after start we wait for peers' End-of-RIB");
}

void WriteGroup(Writer& w, const Group& g, const GracefulRestartConfig& top_gr) {
  w.Line(4, "name", YamlScalar(g.name), "", /*item=*/true);
  w.Line(4, "type", GroupTypeKeyword(g.type), "internal (iBGP) | external (eBGP)");
  w.Line(4, "families",
         FlowList(g.families, [](wire::Family f) { return std::string(FamilyKeyword(f)); }),
         "any of: ipv4, evpn");
  if (g.mesh) {
    w.Line(4, "mesh", "", "peers = the addresses this DNS name resolves to");
    w.Line(6, "dns", YamlScalar(g.mesh->dns), "A + AAAA; resolv.conf search domains apply");
    w.Line(6, "port", absl::StrCat(g.mesh->port));
    w.Line(6, "interval", DurationToString(g.mesh->interval), "re-resolve period");
    w.Line(6, "max_peers", absl::StrCat(g.mesh->max_peers), "0 = all");
    w.Line(6, "empty_grace", DurationToString(g.mesh->empty_grace),
           "NXDOMAIN/empty keeps the peers this long");
  }
  w.Line(4, "allow",
         FlowList(g.allow, [](const IpPrefix& p) { return YamlScalar(p.ToString()); }),
         "accept sessions from these sources");
  w.Line(4, "peer_as",
         FlowList(g.peer_as, [](const AsRange& r) { return YamlScalar(AsRangeToString(r)); }),
         g.type == GroupType::kExternal ? "empty = any AS but our own" : "");
  w.Line(4, "route_server", Bool(g.route_server), "RFC 7947: no own-AS prepend, MED unchanged");
  w.Line(4, "route_reflector", Bool(g.route_reflector), "RFC 4456, internal groups only");
  if (g.cluster_id) w.Line(4, "cluster_id", Ipv4AddressToString(*g.cluster_id));
  w.Line(4, "multihop", absl::StrCat(g.multihop), "TTL of our packets (1 = directly connected)");
  w.Line(4, "ttl_security", Bool(g.ttl_security), "RFC 5082 GTSM");
  w.Line(4, "password", YamlScalar(g.password), "TCP MD5 (RFC 2385)");
  w.Line(4, "max_prefixes", absl::StrCat(g.max_prefixes), "per session per family; 0 = no limit");
  w.Line(4, "passive", Bool(g.passive), "wait for peers to connect");
  w.Line(4, "hold_time", absl::StrCat(g.hold_time), "seconds");
  w.Line(4, "max_prefixes_restart", DurationToString(g.max_prefixes_restart),
         "refuse the peer this long after a max_prefixes Cease; 0s = never");
  w.Line(4, "max_sessions", absl::StrCat(g.max_sessions), "sessions from allow ranges; 0 = no limit");
  w.Line(4, "max_connects_per_minute", absl::StrCat(g.max_connects_per_minute),
         "per source address; 0 = no limit");
  // A mesh group's block is read as off unless it says enabled: compare
  // with that default, and write `enabled` whenever the block is written.
  GracefulRestartConfig mesh_top = top_gr;
  mesh_top.enabled = false;
  WriteGracefulRestart(w, 4, g.graceful_restart, g.mesh ? &mesh_top : &top_gr, g.mesh.has_value());
}

void WriteNeighbor(Writer& w, const Neighbor& n) {
  w.Line(4, "address", YamlScalar(n.address), "", /*item=*/true);
  w.Line(4, "group", YamlScalar(n.group));
  if (n.peer_as != 0) w.Line(4, "peer_as", AsnToString(n.peer_as));
  w.Line(4, "port", absl::StrCat(n.port));
  if (n.passive) w.Line(4, "passive", Bool(*n.passive));
  if (n.password) w.Line(4, "password", YamlScalar(*n.password), "overrides the group's; \"\" = none");
}

}  // namespace

std::string YamlScalar(std::string_view value) {
  if (PlainSafe(value)) return std::string(value);
  std::string out = "\"";
  const std::string escaped = EscapeForExpansion(value);
  for (unsigned char c : escaped) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += absl::StrFormat("\\x%02x", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out += "\"";
  return out;
}

std::string ConfigToYaml(const Config& c, YamlStyle style) {
  Writer w(style);
  w.Line(0, "asn", AsnToString(c.asn), "asplain (4259840001) or asdot (65000.1)");
  w.Line(0, "router_id", Ipv4AddressToString(c.router_id), "IPv4; ${POD_IP} when omitted");
  w.Line(0, "listen", FlowList(c.listen, [](const std::string& s) { return YamlScalar(s); }),
         "IPV4:PORT or [IPV6]:PORT");
  w.Line(0, "threads", absl::StrCat(c.threads), "0 = one per core");
  w.Line(0, "hold_time", absl::StrCat(c.hold_time), "seconds; keepalive = hold_time / 3");
  WriteGracefulRestart(w, 0, c.graceful_restart, nullptr);
  w.Line(0, "drain_seconds", absl::StrCat(c.drain_seconds), "SIGTERM: /readyz fails this long first");
  w.Line(0, "ready_timeout", DurationToString(c.ready_timeout), "/readyz waits at most this for the mesh");
  w.Line(0, "api", "");
  w.Line(2, "socket", YamlScalar(c.api.socket), "bgpctl's endpoint, mode 0600");
  w.Line(2, "http", YamlScalar(c.api.http), "/metrics /healthz /readyz; \"\" disables");
  w.Line(0, "log", "");
  w.Line(2, "level", YamlScalar(c.log.level), "trace debug info warn error critical off");
  w.Line(2, "format", YamlScalar(c.log.format), "text | json");
  if (c.mrt != MrtConfig{}) {
    const MrtUpdatesConfig& u = c.mrt.updates;
    w.Line(0, "mrt", "");
    w.Line(2, "updates", "", "BGP4MP log: UPDATEs received, state changes");
    w.Line(4, "file", YamlScalar(u.file), "strftime pattern, UTC");
    w.Line(4, "interval", DurationToString(u.interval), "rotation period; 0s = never");
    w.Line(4, "max_files", absl::StrCat(u.max_files), "0 = keep every file");
  }
  w.Line(0, "groups", c.groups.empty() ? "[]" : "");
  for (const Group& g : c.groups) WriteGroup(w, g, c.graceful_restart);
  w.Line(0, "neighbors", c.neighbors.empty() ? "[]" : "",
         "static peers; they inherit from their group");
  for (const Neighbor& n : c.neighbors) WriteNeighbor(w, n);
  return w.Take();
}

std::string ConfigToYaml(const Config& config) { return ConfigToYaml(config, YamlStyle::kPlain); }

}  // namespace meshbgp::config
