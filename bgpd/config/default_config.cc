#include "bgpd/config/default_config.h"

#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <unistd.h>

#include <absl/strings/str_cat.h>

#include "bgpd/config/config_writer.h"
#include "bgpd/config/ip_prefix.h"

namespace meshbgp::config {

std::optional<uint32_t> FirstNonLoopbackIpv4() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return std::nullopt;
  std::optional<uint32_t> found;
  for (ifaddrs* ifa = list; ifa != nullptr && !found; ifa = ifa->ifa_next) {
    if (ifa->ifa_addr == nullptr || ifa->ifa_addr->sa_family != AF_INET) continue;
    if ((ifa->ifa_flags & IFF_UP) == 0 || (ifa->ifa_flags & IFF_LOOPBACK) != 0) continue;
    const uint32_t addr =
        ntohl(reinterpret_cast<const sockaddr_in*>(ifa->ifa_addr)->sin_addr.s_addr);
    if ((addr >> 24) == 127 || addr == 0) continue;
    found = addr;
  }
  freeifaddrs(list);
  return found;
}

uint32_t DetectRouterId(const EnvLookup& env) {
  if (auto pod_ip = env("POD_IP")) {
    if (auto v4 = ParseIpv4Address(*pod_ip); v4 && *v4 != 0) return *v4;
  }
  return FirstNonLoopbackIpv4().value_or(kFallbackRouterId);
}

std::string DefaultApiSocket(const EnvLookup& env) {
  if (auto xdg = env("XDG_RUNTIME_DIR"); xdg && !xdg->empty() && access(xdg->c_str(), W_OK) == 0) {
    return absl::StrCat(*xdg, "/meshbgp/bgpd.sock");
  }
  if (geteuid() == 0) return "/run/meshbgp/bgpd.sock";
  return absl::StrCat("/tmp/meshbgp-", getuid(), "/bgpd.sock");
}

Config DefaultConfig(const EnvLookup& env) {
  Config c;
  c.asn = kDefaultAsn;
  c.router_id = DetectRouterId(env);
  c.api.socket = DefaultApiSocket(env);
  c.api.http = std::string(kDefaultHttp);
  Group clients;
  clients.name = std::string(kDefaultGroupName);
  clients.type = GroupType::kExternal;
  clients.families = {wire::Family::kIpv4Unicast, wire::Family::kEvpn};
  for (std::string_view range : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"}) {
    clients.allow.push_back(*ParseIpPrefix(range));
  }
  clients.peer_as = {};  // any AS; the session layer refuses our own on eBGP
  clients.route_server = true;
  clients.multihop = kDefaultClientMultihop;
  clients.passive = true;  // `allow` is set
  clients.hold_time = c.hold_time;
  c.groups.push_back(std::move(clients));
  c.source = "<default>";
  return c;
}

Config DefaultConfig() { return DefaultConfig(ProcessEnvironment()); }

std::string DefaultConfigYaml() {
  return absl::StrCat(
      "# meshbgp's built-in configuration (bgpd --print-default-config).\n"
      "# Copy it, edit it, run `bgpd --check -c FILE`, then `bgpd -c FILE`.\n"
      "# Every key is described in docs/configuration.md. Values may use\n"
      "# environment variables: ${VAR}, or ${VAR:-default} when VAR may be unset.\n"
      "# router_id and api.socket below were detected on this machine.\n",
      ConfigToYaml(DefaultConfig(), YamlStyle::kCommented));
}

}  // namespace meshbgp::config
