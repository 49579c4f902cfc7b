// meshrr's ConfigMap mapped onto the native model (CONFIG.md §2): the
// example deployment's file loads unchanged into exactly the groups cRPD
// was configured with, and every mistake is reported at its line.
#include "bgpd/config/meshrr_config.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "bgpd/config/config_load.h"
#include "bgpd/config/default_config.h"
#include "bgpd/config/ip_prefix.h"
#include "tests/unit/config/test_env.h"

namespace meshbgp::config {
namespace {

// routeserver-a.ss.yml / routeserver-b.ss.yml, ConfigMap meshrr-conf, key
// meshrr.conf.yml, byte for byte.
constexpr std::string_view kExample =
    "encrypted_root_pw: NOLOGIN\n"
    "asn: \"65000.1\"\n"
    "mode: evpnrs\n"
    "bgpgroups:\n"
    "- {name: MESHRR-CORE, type: mesh, source: {sourcetype: dns, hostname: meshrr-core}}\n"
    "- {name: MESHRR-CLIENTS, type: subtractive, prefixes: [192.168.0.0/16], asranges: "
    "[65001-65535]}\n";

const EnvLookup kPodEnv = FakeEnv({{"POD_IP", "10.244.1.7"}});
constexpr uint32_t kPodIp = 0x0AF40107;  // 10.244.1.7

Config Parsed(std::string_view yaml, const EnvLookup& env = kPodEnv) {
  auto c = ParseMeshrrConfig(yaml, "meshrr.conf.yml", env);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *c : Config{};
}

std::string ErrorOf(std::string_view yaml, const EnvLookup& env = kPodEnv) {
  auto c = ParseMeshrrConfig(yaml, "meshrr.conf.yml", env);
  EXPECT_FALSE(c.ok()) << "parsed without error";
  return c.ok() ? std::string() : std::string(c.status().message());
}

// The lines every test needs before the groups under test (lines 1-3).
std::string Groups(std::string_view mode, std::string_view groups) {
  return "asn: 65000\nmode: " + std::string(mode) + "\nbgpgroups:\n" + std::string(groups);
}

TEST(MeshrrConfig, ExampleConfigMapMapsToCrpdsConfiguration) {
  Config want;
  want.asn = 4259840001;  // 65000.1
  want.router_id = kPodIp;
  want.api.socket = DefaultApiSocket(kPodEnv);
  want.api.http = std::string(kDefaultHttp);
  want.source = "meshrr.conf.yml";
  Group core;
  core.name = "MESHRR-CORE";
  core.type = GroupType::kInternal;
  core.families = {wire::Family::kEvpn};
  core.mesh = MeshSource{.dns = "meshrr-core"};
  core.graceful_restart.enabled = false;  // mesh groups: off unless asked for
  core.route_server = false;
  core.multihop = 64;
  want.groups.push_back(core);
  Group clients;
  clients.name = "MESHRR-CLIENTS";
  clients.type = GroupType::kExternal;
  clients.families = {wire::Family::kEvpn};
  clients.allow = {*ParseIpPrefix("192.168.0.0/16")};
  clients.peer_as = {AsRange{65001, 65535}};
  clients.route_server = false;  // own AS prepended, next hop unchanged
  clients.multihop = 10;
  clients.passive = true;
  clients.subtractive = true;
  want.groups.push_back(clients);

  EXPECT_EQ(Parsed(kExample), want);
}

// The equivalence docs/configuration.md states, checked against the
// native loader: only `subtractive` has no native key.
TEST(MeshrrConfig, ExampleIsTheNativeFileTheDocsShow) {
  constexpr std::string_view kNative =
      "asn: 65000.1\n"
      "router_id: ${POD_IP}\n"
      "groups:\n"
      "  - name: MESHRR-CORE\n"
      "    type: internal\n"
      "    families: [evpn]\n"
      "    mesh: { dns: meshrr-core }\n"
      "    route_server: false\n"
      "    multihop: 64\n"
      "  - name: MESHRR-CLIENTS\n"
      "    type: external\n"
      "    families: [evpn]\n"
      "    allow: [192.168.0.0/16]\n"
      "    peer_as: [65001-65535]\n"
      "    route_server: false\n"
      "    multihop: 10\n"
      "    passive: true\n";
  auto native = ParseConfig(kNative, "meshrr.conf.yml", kPodEnv);
  ASSERT_TRUE(native.ok()) << native.status();
  native->groups[1].subtractive = true;
  EXPECT_EQ(Parsed(kExample), *native);
}

TEST(MeshrrConfig, ListenApiAndLogAreTheNativeDefaults) {
  const Config c = Parsed(kExample);
  EXPECT_EQ(c.listen, Config{}.listen);
  EXPECT_EQ(c.threads, 0u);
  EXPECT_EQ(c.hold_time, 90);
  EXPECT_EQ(c.log, LogConfig{});
  EXPECT_EQ(c.api.http, "127.0.0.1:9179");
  EXPECT_EQ(c.api.socket, DefaultApiSocket(kPodEnv));
  EXPECT_TRUE(c.neighbors.empty());
}

TEST(MeshrrConfig, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(Parsed("\xEF\xBB\xBF" + std::string(kExample)), Parsed(kExample));
}

TEST(MeshrrConfig, AsnQuotedOrNotAsdotOrAsplain) {
  for (std::string_view asn : {"\"65000.1\"", "65000.1", "4259840001", "\"4259840001\""}) {
    const std::string yaml = "asn: " + std::string(asn) + "\nmode: evpnrs\nbgpgroups: []\n";
    EXPECT_EQ(Parsed(yaml).asn, 4259840001u) << asn;
  }
  EXPECT_EQ(Parsed("asn: 65000\nmode: evpnrs\nbgpgroups: []\n").asn, 65000u);
}

TEST(MeshrrConfig, EncryptedRootPwIsOptionalAndIgnored) {
  EXPECT_EQ(Parsed(Groups("evpnrs", "")), Parsed("encrypted_root_pw: $6$x\n" + Groups("evpnrs", "")));
}

TEST(MeshrrConfig, RouteserverIsEvpnrs) {
  Config a = Parsed(kExample);
  std::string yaml(kExample);
  yaml.replace(yaml.find("evpnrs"), 6, "routeserver");
  EXPECT_EQ(Parsed(yaml), a);
}

TEST(MeshrrConfig, SubtractiveAsrangesDefaultToMeshrrs) {
  const Config c = Parsed(Groups("evpnrs", "- {name: C, type: subtractive, prefixes: [10.0.0.0/8]}\n"));
  ASSERT_EQ(c.groups.size(), 1u);
  EXPECT_EQ(c.groups[0].peer_as, (std::vector<AsRange>{{65001, 65500}}));
}

TEST(MeshrrConfig, SeveralPrefixesAndAsranges) {
  const Config c = Parsed(Groups(
      "evpnrs",
      "- name: C\n  type: subtractive\n  prefixes: [10.0.0.0/8, fd00::/8]\n"
      "  asranges: [65010, 65000.5-65000.9]\n"));
  ASSERT_EQ(c.groups.size(), 1u);
  EXPECT_EQ(c.groups[0].allow,
            (std::vector<IpPrefix>{*ParseIpPrefix("10.0.0.0/8"), *ParseIpPrefix("fd00::/8")}));
  EXPECT_EQ(c.groups[0].peer_as,
            (std::vector<AsRange>{{65010, 65010}, {4259840005, 4259840009}}));
}

TEST(MeshrrConfig, MaxPeersIsCarriedOver) {
  // meshrr's own default ConfigMap (meshrr/defaults/meshrr.conf.yml).
  const Config c = Parsed(
      "encrypted_root_pw: NOLOGIN\n"
      "asn: \"65000\"\n"
      "mode: ipv4rr\n"
      "bgpgroups:\n"
      "- name: MESHRR-MESH\n"
      "  type: mesh\n"
      "  source:\n"
      "    sourcetype: dns\n"
      "    hostname: meshrr # FQDN for svc required if not in same namespace\n"
      "- name: MESHRR-CLIENTS\n"
      "  type: subtractive # Prefixes in multiple external-subtractive groups must not overlap\n"
      "  prefixes:\n"
      "  - 0.0.0.0/0\n"
      "- name: MESHRR-UPSTREAM\n"
      "  type: mesh\n"
      "  source:\n"
      "    sourcetype: dns\n"
      "    hostname: meshrr.core.svc.cluster.local # FQDN required if svc not in same namespace\n"
      "  max_peers: 2\n");
  ASSERT_EQ(c.groups.size(), 3u);
  ASSERT_TRUE(c.groups[0].mesh && c.groups[2].mesh);
  EXPECT_EQ(c.groups[0].mesh->max_peers, 0u);
  EXPECT_EQ(c.groups[2].mesh->dns, "meshrr.core.svc.cluster.local");
  EXPECT_EQ(c.groups[2].mesh->max_peers, 2u);
}

TEST(MeshrrConfig, Ipv4rrClientsAreRouteReflectorClientsWithPodIpCluster) {
  const Config c = Parsed(Groups("ipv4rr",
                                 "- {name: M, type: mesh, source: {sourcetype: dns, hostname: m}}\n"
                                 "- {name: C, type: subtractive, prefixes: [0.0.0.0/0]}\n"));
  ASSERT_EQ(c.groups.size(), 2u);
  const Group& mesh = c.groups[0];
  EXPECT_EQ(mesh.type, GroupType::kInternal);
  EXPECT_EQ(mesh.families, std::vector<wire::Family>{wire::Family::kIpv4Unicast});
  EXPECT_FALSE(mesh.route_reflector);
  EXPECT_FALSE(mesh.subtractive);
  const Group& clients = c.groups[1];
  EXPECT_EQ(clients.type, GroupType::kInternal);
  EXPECT_EQ(clients.families, std::vector<wire::Family>{wire::Family::kIpv4Unicast});
  EXPECT_TRUE(clients.route_reflector);
  EXPECT_EQ(clients.cluster_id, kPodIp);
  EXPECT_TRUE(clients.peer_as.empty());
  EXPECT_TRUE(clients.passive);
  EXPECT_TRUE(clients.subtractive);
  EXPECT_EQ(clients.multihop, 64);
  EXPECT_EQ(Parsed(Groups("routereflector", "- {name: C, type: subtractive, prefixes: [0.0.0.0/0]}\n")),
            Parsed(Groups("ipv4rr", "- {name: C, type: subtractive, prefixes: [0.0.0.0/0]}\n")));
}

TEST(MeshrrConfig, GroupTypesAreCaseInsensitiveAsInMeshrr) {
  EXPECT_EQ(Parsed(Groups("evpnrs", "- {name: C, type: Subtractive, prefixes: [10.0.0.0/8]}\n")),
            Parsed(Groups("evpnrs", "- {name: C, type: subtractive, prefixes: [10.0.0.0/8]}\n")));
}

TEST(MeshrrConfig, LoadsAFile) {
  char path[] = "/tmp/meshrr_config_test_XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  close(fd);
  std::ofstream(path) << kExample;
  auto c = LoadMeshrrConfigFile(path, kPodEnv);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->source, path);
  Config from_text = Parsed(kExample);
  from_text.source = path;
  EXPECT_EQ(*c, from_text);
  std::remove(path);
  auto missing = LoadMeshrrConfigFile(path, kPodEnv);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            std::string(path) + ": cannot read the configuration file: No such file or directory");
}

// --- Errors: one per line, FILE:LINE:COL: PATH: expected ..., found ...

TEST(MeshrrConfigErrors, PodIpUnset) {
  EXPECT_EQ(ErrorOf(kExample, FakeEnv({})),
            "meshrr.conf.yml:1:1: router_id: expected POD_IP set to this pod's IPv4 address (the "
            "router id; Downward API status.podIP), found POD_IP unset");
  EXPECT_EQ(ErrorOf(kExample, FakeEnv({{"POD_IP", ""}})),
            "meshrr.conf.yml:1:1: router_id: expected POD_IP set to this pod's IPv4 address (the "
            "router id; Downward API status.podIP), found POD_IP unset");
}

TEST(MeshrrConfigErrors, PodIpNotIpv4) {
  EXPECT_EQ(ErrorOf(kExample, FakeEnv({{"POD_IP", "fd00::7"}})),
            "meshrr.conf.yml:1:1: router_id: expected POD_IP set to this pod's IPv4 address (the "
            "router id; Downward API status.podIP), found POD_IP=fd00::7");
}

TEST(MeshrrConfigErrors, UnknownKeys) {
  EXPECT_EQ(ErrorOf("asn: 65000\nmode: evpnrs\nbgpgroup: []\n"),
            "meshrr.conf.yml:3:1: expected one of encrypted_root_pw, asn, mode, bgpgroups, found "
            "unknown key \"bgpgroup\" (did you mean \"bgpgroups\"?)");
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: C, type: subtractive, prefixes: [10.0.0.0/8], "
                                     "peer_as: [65001]}\n")),
            "meshrr.conf.yml:4:56: bgpgroups[0]: expected one of name, type, source, max_peers, "
            "prefixes, asranges, found unknown key \"peer_as\"");
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: M, type: mesh, source: {sourcetype: dns, hostname: "
                                     "m, port: 1179}}\n")),
            "meshrr.conf.yml:4:64: bgpgroups[0].source: expected one of sourcetype, hostname, "
            "found unknown key \"port\"");
}

TEST(MeshrrConfigErrors, RequiredTopLevelKeys) {
  EXPECT_EQ(ErrorOf("encrypted_root_pw: NOLOGIN\n"),
            "meshrr.conf.yml:1:1: asn: expected an AS number 1..4294967295 or asdot "
            "0.1..65535.65535, found nothing\n"
            "meshrr.conf.yml:1:1: mode: expected evpnrs, routeserver, ipv4rr or routereflector, "
            "found nothing\n"
            "meshrr.conf.yml:1:1: bgpgroups: expected a list of mesh and subtractive groups, found "
            "nothing");
}

TEST(MeshrrConfigErrors, BadValues) {
  EXPECT_EQ(ErrorOf("asn: \"65000.x\"\nmode: evpn\nbgpgroups: {}\n"),
            "meshrr.conf.yml:1:6: asn: expected an AS number 1..4294967295 or asdot "
            "0.1..65535.65535, found 65000.x\n"
            "meshrr.conf.yml:2:7: mode: expected evpnrs, routeserver, ipv4rr or routereflector, "
            "found evpn\n"
            "meshrr.conf.yml:3:12: bgpgroups: expected a list, found a mapping");
}

TEST(MeshrrConfigErrors, OtherGroupTypesAreRefused) {
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: C, type: external, prefixes: [10.0.0.0/8]}\n")),
            "meshrr.conf.yml:4:19: bgpgroups[0].type: expected mesh or subtractive (the group "
            "types meshrr supports), found external");
}

TEST(MeshrrConfigErrors, GroupNameAndTypeRequired) {
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {prefixes: [10.0.0.0/8]}\n")),
            "meshrr.conf.yml:4:3: bgpgroups[0].name: expected a name of 1..64 letters, digits, "
            "'-', '_' or '.', found nothing\n"
            "meshrr.conf.yml:4:3: bgpgroups[0].type: expected mesh or subtractive (the group types "
            "meshrr supports), found nothing");
}

TEST(MeshrrConfigErrors, MeshNeedsADnsSource) {
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: M, type: mesh}\n")),
            "meshrr.conf.yml:4:3: bgpgroups[0].source: expected source: {sourcetype: dns, "
            "hostname: NAME}, found nothing");
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: M, type: mesh, source: {sourcetype: static}}\n")),
            "meshrr.conf.yml:4:33: bgpgroups[0].source.hostname: expected a DNS name (letters, "
            "digits, '-', '_', '.'; at most 253), found nothing\n"
            "meshrr.conf.yml:4:46: bgpgroups[0].source.sourcetype: expected dns (the only mesh "
            "source meshrr supports), found static");
}

TEST(MeshrrConfigErrors, KeysOfTheOtherGroupType) {
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: M, type: mesh, source: {sourcetype: dns, hostname: "
                                     "m}, prefixes: [10.0.0.0/8], asranges: [65001]}\n")),
            "meshrr.conf.yml:4:75: bgpgroups[0].prefixes: expected only name, type, source and "
            "max_peers in a mesh group, found prefixes\n"
            "meshrr.conf.yml:4:99: bgpgroups[0].asranges: expected only name, type, source and "
            "max_peers in a mesh group, found asranges");
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: C, type: subtractive, max_peers: 3, source: {}}\n")),
            "meshrr.conf.yml:4:3: bgpgroups[0].prefixes: expected a list of at least one prefix, "
            "found nothing\n"
            "meshrr.conf.yml:4:43: bgpgroups[0].max_peers: expected only name, type, prefixes and "
            "asranges in a subtractive group, found max_peers\n"
            "meshrr.conf.yml:4:54: bgpgroups[0].source: expected only name, type, prefixes and "
            "asranges in a subtractive group, found source");
}

TEST(MeshrrConfigErrors, BadPrefixesAndAsranges) {
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: C, type: subtractive, prefixes: []}\n")),
            "meshrr.conf.yml:4:42: bgpgroups[0].prefixes: expected a list of at least one prefix, "
            "found an empty list");
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: C, type: subtractive, prefixes: [10.0.0.1/8], "
                                     "asranges: [65001-x]}\n")),
            "meshrr.conf.yml:4:43: bgpgroups[0].prefixes[0]: expected a prefix without host bits "
            "(10.0.0.0/8), found 10.0.0.1/8\n"
            "meshrr.conf.yml:4:67: bgpgroups[0].asranges[0]: expected an AS number (65001 or "
            "65000.1) or a range LOW-HIGH (65001-65535), found 65001-x");
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: M, type: mesh, source: {sourcetype: dns, hostname: "
                                     "m}, max_peers: -1}\n")),
            "meshrr.conf.yml:4:76: bgpgroups[0].max_peers: expected an integer 0..4294967295, "
            "found -1");
}

TEST(MeshrrConfigErrors, AsrangesInRouteReflectorMode) {
  EXPECT_EQ(ErrorOf(Groups("ipv4rr", "- {name: C, type: subtractive, prefixes: [10.0.0.0/8], "
                                     "asranges: [65001-65002]}\n")),
            "meshrr.conf.yml:4:66: bgpgroups[0].asranges: expected no asranges in "
            "ipv4rr/routereflector mode (its clients are internal peers in our own AS), found "
            "asranges");
}

// Rules between groups are ValidateConfig's; they name meshrr's keys.
TEST(MeshrrConfigErrors, DuplicateNamesAndOverlappingPrefixes) {
  EXPECT_EQ(ErrorOf(Groups("evpnrs", "- {name: A, type: subtractive, prefixes: [10.0.0.0/8]}\n"
                                     "- {name: A, type: subtractive, prefixes: [10.1.0.0/16]}\n")),
            "meshrr.conf.yml:5:10: bgpgroups[1].name: expected a unique group name, found A again "
            "(at 4:10)\n"
            "meshrr.conf.yml:5:43: bgpgroups[1].prefixes[0]: expected allow ranges that no other "
            "group's allow overlaps, found 10.1.0.0/16 of group A overlapping 10.0.0.0/8 of group "
            "A (at 4:43)");
}

TEST(MeshrrConfigErrors, InvalidYaml) {
  EXPECT_EQ(ErrorOf("asn: [65000\n"),
            "meshrr.conf.yml:2:1: expected valid YAML, found end of sequence flow not found");
}

}  // namespace
}  // namespace meshbgp::config
