// Every rule of docs/configuration.md "Rules", with the exact error text.
#include "bgpd/config/config_validate.h"

#include <gtest/gtest.h>

#include "bgpd/config/default_config.h"
#include "bgpd/config/ip_prefix.h"
#include "tests/unit/config/parse_helpers.h"

namespace meshbgp::config {
namespace {

const std::string kAsnExpected =
    "expected an AS number 1..4294967295 or asdot 0.1..65535.65535";

TEST(ValidateAsn, RequiredAndInRange) {
  EXPECT_EQ(ErrorOf("router_id: 10.0.0.1\n"),
            "t.yaml:1:1: asn: " + kAsnExpected + ", found nothing");
  EXPECT_EQ(ErrorOf("asn: 0\nrouter_id: 10.0.0.1\n"),
            "t.yaml:1:6: asn: " + kAsnExpected + ", found 0");
  EXPECT_EQ(ErrorOf("asn: 4294967296\nrouter_id: 10.0.0.1\n"),
            "t.yaml:1:6: asn: " + kAsnExpected + ", found 4294967296");
  EXPECT_EQ(ErrorOf("asn: 65536.1\nrouter_id: 10.0.0.1\n"),
            "t.yaml:1:6: asn: " + kAsnExpected + ", found 65536.1");
  EXPECT_EQ(Parsed("asn: 4294967295\nrouter_id: 10.0.0.1\n").asn, 4294967295u);
  EXPECT_EQ(Parsed("asn: \"65000.1\"\nrouter_id: 10.0.0.1\n").asn, 4259840001u);
}

TEST(ValidateRouterId, RequiredUnlessPodIpIsSet) {
  EXPECT_EQ(ErrorOf("asn: 65000\n"),
            "t.yaml:1:1: router_id: expected a non-zero IPv4 address (required unless POD_IP is "
            "set), found nothing");
  EXPECT_EQ(Parsed("asn: 65000\n", FakeEnv({{"POD_IP", "10.9.8.7"}})).router_id, 0x0A090807u);
  // An explicit router_id wins over POD_IP.
  EXPECT_EQ(Parsed("asn: 65000\nrouter_id: 10.0.0.1\n", FakeEnv({{"POD_IP", "10.9.8.7"}})).router_id,
            0x0A000001u);
  EXPECT_EQ(ErrorOf("asn: 65000\n", FakeEnv({{"POD_IP", "fd00::7"}})),
            "t.yaml:1:1: router_id: expected router_id, or POD_IP set to a non-zero IPv4 "
            "address, found POD_IP=fd00::7");
  EXPECT_EQ(ErrorOf("asn: 65000\nrouter_id: fd00::1\n"),
            "t.yaml:2:12: router_id: expected a non-zero IPv4 address, found fd00::1");
  EXPECT_EQ(ErrorOf("asn: 65000\nrouter_id: 0.0.0.0\n"),
            "t.yaml:2:12: router_id: expected a non-zero IPv4 address, found 0.0.0.0");
}

TEST(ValidateGroups, NamesAreUnique) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n"
                               "  - name: A\n"
                               "    allow: [10.0.0.0/8]\n"
                               "  - name: A\n")),
            "t.yaml:6:11: groups[1].name: expected a unique group name, found A again (at 4:11)");
}

TEST(ValidateGroups, NameIsRequiredAndPlain) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - type: external\n")),
            "t.yaml:4:5: groups[0].name: expected a name of 1..64 letters, digits, '-', '_' or "
            "'.', found nothing");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - name: A B\n")),
            "t.yaml:4:11: groups[0].name: expected a name of 1..64 letters, digits, '-', '_' or "
            "'.', found A B");
}

TEST(ValidateGroups, TypeIsInternalOrExternal) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - name: A\n    type: ibgp\n")),
            "t.yaml:5:11: groups[0].type: expected internal or external, found ibgp");
}

TEST(ValidateNeighbors, GroupMustExist) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n"
                               "  - name: A\n"
                               "neighbors:\n"
                               "  - { address: 10.0.0.9, group: B }\n")),
            "t.yaml:6:33: neighbors[0].group: expected one of the group names A, found B");
  EXPECT_EQ(ErrorOf(WithHeader("neighbors:\n"
                               "  - address: 10.0.0.9\n")),
            "t.yaml:4:5: neighbors[0].group: expected a group name (no groups are defined), found "
            "nothing");
}

TEST(ValidateNeighbors, AddressIsAnIpLiteralAndUnique) {
  EXPECT_EQ(ErrorOf(WithHeader("groups: [{name: A}]\n"
                               "neighbors:\n"
                               "  - {address: router1, group: A}\n")),
            "t.yaml:5:15: neighbors[0].address: expected an IPv4 or IPv6 address, found router1");
  EXPECT_EQ(ErrorOf(WithHeader("groups: [{name: A}]\n"
                               "neighbors:\n"
                               "  - {address: 10.0.0.9, group: A}\n"
                               "  - {address: 10.0.0.9, group: A, port: 1179}\n")),
            "t.yaml:6:15: neighbors[1].address: expected each neighbor address once, found "
            "10.0.0.9 again (at 5:15)");
}

TEST(ValidateNeighbors, PeerAsAgreesWithTheGroup) {
  const std::string groups =
      "groups:\n"
      "  - {name: EXT, peer_as: [65001-65100]}\n"
      "  - {name: INT, type: internal}\n"
      "neighbors:\n";
  // line 7 is the neighbor; its peer_as value starts at column 46.
  EXPECT_EQ(ErrorOf(WithHeader(groups + "  - {address: 10.0.0.9, group: EXT, peer_as: 64512}\n")),
            "t.yaml:7:46: neighbors[0].peer_as: expected an AS in group EXT's peer_as "
            "(65001-65100), found 64512");
  EXPECT_EQ(ErrorOf(WithHeader(groups + "  - {address: 10.0.0.9, group: EXT, peer_as: 65000}\n")),
            "t.yaml:7:46: neighbors[0].peer_as: expected an AS other than our own in external "
            "group EXT, found 65000");
  EXPECT_EQ(ErrorOf(WithHeader(groups + "  - {address: 10.0.0.9, group: INT, peer_as: 65001}\n")),
            "t.yaml:7:46: neighbors[0].peer_as: expected our own AS 65000 (or no peer_as) in "
            "internal group INT, found 65001");
  Config c = Parsed(WithHeader(groups + "  - {address: 10.0.0.9, group: INT, peer_as: 65000}\n"
                                        "  - {address: fd00::9, group: EXT, peer_as: 0.65002}\n"));
  EXPECT_EQ(c.neighbors[1].peer_as, 65002u);
  EXPECT_EQ(c.neighbors[1].port, 179);
}

TEST(ValidateGroups, MeshGroupMustBeInternal) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n"
                               "  - name: CORE\n"
                               "    mesh: { dns: core }\n")),
            "t.yaml:5:11: groups[0].mesh: expected type: internal for a group with mesh (mesh "
            "peers are iBGP), found type: external");
}

TEST(ValidateGroups, MeshNeedsADnsNameAndASaneInterval) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n"
                               "  - name: CORE\n"
                               "    type: internal\n"
                               "    mesh: { port: 179 }\n")),
            "t.yaml:6:11: groups[0].mesh.dns: expected a DNS name (letters, digits, '-', '_', '.'; "
            "at most 253), found nothing");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n"
                               "  - name: CORE\n"
                               "    type: internal\n"
                               "    mesh: { dns: core, interval: 50ms }\n")),
            "t.yaml:6:34: groups[0].mesh.interval: expected a duration of at least 100ms, found "
            "50ms");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n"
                               "  - name: CORE\n"
                               "    type: internal\n"
                               "    mesh: { dns: core, interval: 5 minutes }\n")),
            "t.yaml:6:34: groups[0].mesh.interval: expected a duration (500ms, 5s, 1m, 1h; a plain "
            "number is seconds), found 5 minutes");
  Config c = Parsed(WithHeader("groups:\n"
                               "  - name: CORE\n"
                               "    type: internal\n"
                               "    mesh: { dns: meshrr-core.default.svc, interval: 1m, port: 1179,"
                               " max_peers: 3 }\n"));
  EXPECT_EQ(c.groups[0].mesh,
            (MeshSource{"meshrr-core.default.svc", 1179, std::chrono::minutes(1), 3}));
}

// The choice documented in docs/configuration.md: overlapping `allow`
// ranges of different groups are an error naming both groups and ranges.
TEST(ValidateGroups, AllowRangesOfDifferentGroupsMustNotOverlap) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n"
                               "  - name: A\n"
                               "    allow: [10.0.0.0/8, 192.168.0.0/16]\n"
                               "  - name: B\n"
                               "    allow: [172.16.0.0/12, 10.1.0.0/16]\n")),
            "t.yaml:7:28: groups[1].allow[1]: expected allow ranges that no other group's allow "
            "overlaps, found 10.1.0.0/16 of group B overlapping 10.0.0.0/8 of group A (at 5:13)");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n"
                               "  - {name: A, allow: \"fd00:1::/32\"}\n"
                               "  - {name: B, allow: [\"fc00::/7\"]}\n")),
            "t.yaml:5:23: groups[1].allow[0]: expected allow ranges that no other group's allow "
            "overlaps, found fc00::/7 of group B overlapping fd00:1::/32 of group A (at 4:22)");
}

TEST(ValidateGroups, DisjointAllowRangesAndOverlapWithinAGroupAreFine) {
  Config c = Parsed(WithHeader("groups:\n"
                               "  - {name: A, allow: [10.0.0.0/8, 10.1.0.0/16, \"fc00::/7\"]}\n"
                               "  - {name: B, allow: [11.0.0.0/8, \"2001:db8::/32\"]}\n"));
  ASSERT_EQ(c.groups.size(), 2u);
  EXPECT_EQ(c.groups[0].allow.size(), 3u);
  EXPECT_EQ(c.groups[1].allow[1].ToString(), "2001:db8::/32");
}

TEST(ValidateGroups, AllowEntriesArePrefixesWithoutHostBits) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, allow: [10.0.0.1/8]}\n")),
            "t.yaml:4:23: groups[0].allow[0]: expected a prefix without host bits (10.0.0.0/8), "
            "found 10.0.0.1/8");
}

TEST(ValidateGroups, PeerAsRanges) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, peer_as: [65001, 65535-65001]}\n")),
            "t.yaml:4:32: groups[0].peer_as[1]: expected a range LOW-HIGH with LOW <= HIGH, found "
            "65535-65001");
  Config c = Parsed(WithHeader("groups:\n  - {name: A, peer_as: 65000.1-65000.5}\n"
                               "  - {name: B, peer_as: [64512, 65001-65535]}\n"));
  EXPECT_EQ(c.groups[0].peer_as, (std::vector<AsRange>{{4259840001u, 4259840005u}}));
  EXPECT_EQ(c.groups[1].peer_as, (std::vector<AsRange>{{64512, 64512}, {65001, 65535}}));
}

TEST(ValidateGroups, PeerAsOnlyInExternalGroups) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: I, type: internal, peer_as: [65001]}\n")),
            "t.yaml:4:40: groups[0].peer_as: expected peer_as only in external groups (internal "
            "peers have our AS 65000), found peer_as in internal group I");
}

TEST(ValidateGroups, FamiliesAreANonEmptySetOfIpv4AndEvpn) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, families: []}\n")),
            "t.yaml:4:25: groups[0].families: expected at least one of ipv4, evpn, found an empty "
            "list");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, families: [ipv4, ipv6]}\n")),
            "t.yaml:4:32: groups[0].families[1]: expected ipv4 or evpn, found ipv6");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, families: [evpn, evpn]}\n")),
            "t.yaml:4:32: groups[0].families[1]: expected each family once, found evpn again");
  EXPECT_EQ(Parsed(WithHeader("groups:\n  - {name: A}\n")).groups[0].families,
            (std::vector<wire::Family>{wire::Family::kIpv4Unicast}));
}

TEST(ValidateGroups, Multihop) {
  const std::string expected = "expected a TTL 1..255, found ";
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, multihop: 0}\n")),
            "t.yaml:4:25: groups[0].multihop: " + expected + "0");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, multihop: 256}\n")),
            "t.yaml:4:25: groups[0].multihop: " + expected + "256");
  EXPECT_EQ(Parsed(WithHeader("groups:\n  - {name: A, multihop: 255}\n")).groups[0].multihop, 255);
  EXPECT_EQ(Parsed(WithHeader("groups:\n  - {name: A}\n")).groups[0].multihop, 1);
  // iBGP peers (mesh pods on other nodes) are a routed hop or more away.
  EXPECT_EQ(Parsed(WithHeader("groups:\n  - {name: A, type: internal}\n")).groups[0].multihop, 64);
  EXPECT_EQ(Parsed(WithHeader("groups:\n  - {name: A, type: internal, multihop: 2}\n")).groups[0].multihop,
            2);
}

TEST(ValidateMesh, EmptyGraceDefaultsAndParses) {
  const Config dflt = Parsed(WithHeader("groups:\n  - {name: M, type: internal, mesh: {dns: m}}\n"));
  EXPECT_EQ(dflt.groups[0].mesh->empty_grace, std::chrono::seconds(30));
  const Config set =
      Parsed(WithHeader("groups:\n  - {name: M, type: internal, mesh: {dns: m, empty_grace: 0s}}\n"));
  EXPECT_EQ(set.groups[0].mesh->empty_grace, std::chrono::milliseconds(0));
  EXPECT_NE(ErrorOf(WithHeader("groups:\n  - {name: M, type: internal, mesh: {dns: m, empty_grace: soon}}\n"))
                .find("groups[0].mesh.empty_grace: expected"),
            std::string::npos);
}

TEST(ValidateLifecycle, DrainSecondsAndReadyTimeout) {
  const Config dflt = Parsed(WithHeader(""));
  EXPECT_EQ(dflt.drain_seconds, 0u);
  EXPECT_EQ(dflt.ready_timeout, std::chrono::seconds(60));
  const Config set = Parsed(WithHeader("drain_seconds: 30\nready_timeout: 2m\n"));
  EXPECT_EQ(set.drain_seconds, 30u);
  EXPECT_EQ(set.ready_timeout, std::chrono::minutes(2));
  EXPECT_EQ(ErrorOf(WithHeader("drain_seconds: 3601\n")),
            "t.yaml:3:16: drain_seconds: expected 0..3600 (seconds), found 3601");
}

TEST(ValidateHoldTime, ZeroOrThreeTo65535) {
  EXPECT_EQ(ErrorOf(WithHeader("hold_time: 2\n")),
            "t.yaml:3:12: hold_time: expected 0 or 3..65535 (seconds), found 2");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, hold_time: 65536}\n")),
            "t.yaml:4:26: groups[0].hold_time: expected 0 or 3..65535 (seconds), found 65536");
  EXPECT_EQ(Parsed(WithHeader("hold_time: 0\n")).hold_time, 0);
  EXPECT_EQ(Parsed(WithHeader("hold_time: 3\n")).hold_time, 3);
}

TEST(ValidateHoldTime, GroupsInheritTheGlobalValue) {
  Config c = Parsed(WithHeader("groups:\n"
                               "  - {name: A}\n"
                               "  - {name: B, hold_time: 9}\n"
                               "hold_time: 30\n"));
  EXPECT_EQ(c.hold_time, 30);
  EXPECT_EQ(c.groups[0].hold_time, 30);
  EXPECT_EQ(c.groups[1].hold_time, 9);
}

TEST(ValidateGroups, PassiveDefaultsToTrueWithAllow) {
  Config c = Parsed(WithHeader("groups:\n"
                               "  - {name: A, allow: [10.0.0.0/8]}\n"
                               "  - {name: B}\n"
                               "  - {name: C, allow: [11.0.0.0/8], passive: false}\n"
                               "  - {name: D, passive: true}\n"));
  EXPECT_TRUE(c.groups[0].passive);
  EXPECT_FALSE(c.groups[1].passive);
  EXPECT_FALSE(c.groups[2].passive);
  EXPECT_TRUE(c.groups[3].passive);
}

TEST(ValidateGroups, RouteReflectorOnlyForInternalGroups) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, route_reflector: true}\n")),
            "t.yaml:4:32: groups[0].route_reflector: expected route_reflector only in internal "
            "groups (RFC 4456), found route_reflector: true in external group A");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, type: internal, cluster_id: 1.2.3.4}\n")),
            "t.yaml:4:43: groups[0].cluster_id: expected cluster_id only with route_reflector: "
            "true, found route_reflector: false");
  Config c = Parsed(WithHeader(
      "groups:\n"
      "  - {name: A, type: internal, route_reflector: true, cluster_id: 1.2.3.4}\n"
      "  - {name: B, type: internal, route_reflector: true, cluster_id: 7}\n"
      "  - {name: C, type: internal, route_reflector: true}\n"));
  EXPECT_EQ(c.groups[0].cluster_id, 0x01020304u);
  EXPECT_EQ(c.groups[1].cluster_id, 7u);
  EXPECT_EQ(c.groups[2].cluster_id, std::nullopt);
}

TEST(ValidateGroups, PasswordFitsTcpMd5) {
  const std::string key81(81, 'k');
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, password: " + key81 + "}\n")),
            "t.yaml:4:25: groups[0].password: expected a TCP MD5 key of at most 80 bytes, found " +
                key81);
  EXPECT_EQ(Parsed(WithHeader("groups:\n  - {name: A, password: \"" + std::string(80, 'k') +
                              "\"}\n"))
                .groups[0]
                .password.size(),
            80u);
  EXPECT_EQ(ErrorOf(WithHeader("groups: [{name: A}]\n"
                               "neighbors:\n  - {address: 10.0.0.1, group: A, password: " + key81 + "}\n")),
            "t.yaml:5:45: neighbors[0].password: expected a TCP MD5 key of at most 80 bytes, found " +
                key81);
}

TEST(ValidateNeighbors, PasswordSetEmptyOrUnset) {
  Config c = Parsed(WithHeader("groups: [{name: A, password: g}]\n"
                               "neighbors:\n"
                               "  - {address: 10.0.0.1, group: A, password: ${NB_KEY}}\n"
                               "  - {address: 10.0.0.2, group: A, password: \"\"}\n"
                               "  - {address: 10.0.0.3, group: A}\n"),
                    FakeEnv({{"NB_KEY", "from-env"}}));
  ASSERT_EQ(c.neighbors.size(), 3u);
  EXPECT_EQ(c.neighbors[0].password, "from-env");
  EXPECT_EQ(c.neighbors[1].password, "");  // set: no MD5 for this one
  EXPECT_EQ(c.neighbors[2].password, std::nullopt);
  EXPECT_EQ(c.PasswordOf(c.neighbors[0]), "from-env");
  EXPECT_EQ(c.PasswordOf(c.neighbors[1]), "");
  EXPECT_EQ(c.PasswordOf(c.neighbors[2]), "g");
}

TEST(ValidateGlobals, Threads) {
  EXPECT_EQ(ErrorOf(WithHeader("threads: -1\n")),
            "t.yaml:3:10: threads: expected 0..1024 (0 = one per core), found -1");
  EXPECT_EQ(ErrorOf(WithHeader("threads: 2000\n")),
            "t.yaml:3:10: threads: expected 0..1024 (0 = one per core), found 2000");
  EXPECT_EQ(Parsed(WithHeader("threads: 4\n")).threads, 4u);
}

TEST(ValidateGlobals, ListenEntries) {
  EXPECT_EQ(ErrorOf(WithHeader("listen: [\"0.0.0.0:179\", \"localhost:179\"]\n")),
            "t.yaml:3:25: listen[1]: expected IPV4:PORT or [IPV6]:PORT with port 1..65535, found "
            "localhost:179");
  // Port 0179 is port 179: the same socket address.
  EXPECT_EQ(ErrorOf(WithHeader("listen: [\"0.0.0.0:179\", \"0.0.0.0:0179\"]\n")),
            "t.yaml:3:25: listen[1]: expected each address once, found 0.0.0.0:0179 again (at "
            "3:10)");
  EXPECT_EQ(Parsed(WithHeader("listen: \"[::1]:1179\"\n")).listen,
            (std::vector<std::string>{"[::1]:1179"}));
  EXPECT_TRUE(Parsed(WithHeader("listen: []\n")).listen.empty());
  EXPECT_EQ(Parsed(std::string(testing::kHeader)).listen,
            (std::vector<std::string>{"0.0.0.0:179", "[::]:179"}));
}

TEST(ValidateGlobals, ApiSocketAndHttp) {
  EXPECT_EQ(ErrorOf(WithHeader("api: {socket: \"\"}\n")),
            "t.yaml:3:15: api.socket: expected a unix socket path of 1..107 bytes, found \"\"");
  EXPECT_EQ(ErrorOf(WithHeader("api: {http: \"*:9179\"}\n")),
            "t.yaml:3:13: api.http: expected IPV4:PORT or [IPV6]:PORT with port 1..65535, or \"\" "
            "to disable, found *:9179");
  Config c = Parsed(WithHeader("api: {socket: /run/x.sock, http: \"\"}\n"));
  EXPECT_EQ(c.api.socket, "/run/x.sock");
  EXPECT_EQ(c.api.http, "");
  Config d = Parsed(std::string(testing::kHeader));
  EXPECT_EQ(d.api.http, "127.0.0.1:9179");
  EXPECT_EQ(d.api.socket, DefaultApiSocket(FakeEnv({})));
}

TEST(ValidateGlobals, LogLevelAndFormat) {
  EXPECT_EQ(ErrorOf(WithHeader("log: {level: verbose}\n")),
            "t.yaml:3:14: log.level: expected one of trace, debug, info, warn, error, critical, "
            "off, found verbose");
  EXPECT_EQ(ErrorOf(WithHeader("log:\n  format: yaml\n")),
            "t.yaml:4:11: log.format: expected text or json, found yaml");
  Config c = Parsed(WithHeader("log: {level: debug, format: json}\n"));
  EXPECT_EQ(c.log.level, "debug");
  EXPECT_EQ(c.log.format, "json");
}

TEST(ValidateConfig, ReportsEveryViolationOnItsOwnLine) {
  EXPECT_EQ(ErrorOf("threads: 2000\nhold_time: 1\n"),
            "t.yaml:1:10: threads: expected 0..1024 (0 = one per core), found 2000\n"
            "t.yaml:2:12: hold_time: expected 0 or 3..65535 (seconds), found 1");
}

TEST(ValidateConfig, ReportsInFileOrderWhateverTheCheckingOrder) {
  // The reader reads threads before hold_time, and the validator checks
  // groups before neighbors and overlaps after both groups; the operator
  // reads the file top down.
  EXPECT_EQ(ErrorOf("hold_time: 1\nthreads: 2000\n"),
            "t.yaml:1:12: hold_time: expected 0 or 3..65535 (seconds), found 1\n"
            "t.yaml:2:10: threads: expected 0..1024 (0 = one per core), found 2000");
  EXPECT_EQ(ErrorOf(WithHeader("neighbors: [{address: 10.0.0.1, group: X}]\n"
                               "groups:\n"
                               "  - {name: A, allow: [10.0.0.0/8]}\n"
                               "  - {name: B, allow: [10.0.0.0/9], route_reflector: true}\n")),
            "t.yaml:3:40: neighbors[0].group: expected one of the group names A, B, found X\n"
            "t.yaml:6:23: groups[1].allow[0]: expected allow ranges that no other group's allow "
            "overlaps, found 10.0.0.0/9 of group B overlapping 10.0.0.0/8 of group A (at 5:23)\n"
            "t.yaml:6:53: groups[1].route_reflector: expected route_reflector only in internal "
            "groups (RFC 4456), found route_reflector: true in external group B");
}

TEST(ValidateConfig, ConfigsBuiltInCodeNameTheirSource) {
  Config c = DefaultConfig(FakeEnv({}));
  ASSERT_TRUE(ValidateConfig(c).ok()) << ValidateConfig(c);
  c.source = "meshrr.conf.yml";
  c.groups[0].mesh = MeshSource{"meshrr-core"};
  c.groups[0].multihop = 0;
  c.groups.push_back(c.groups[0]);
  c.groups[1].mesh.reset();
  c.groups[1].multihop = 1;
  c.groups[1].name = "other";
  EXPECT_EQ(ValidateConfig(c).message(),
            "meshrr.conf.yml: groups[0].mesh: expected type: internal for a group with mesh (mesh "
            "peers are iBGP), found type: external\n"
            "meshrr.conf.yml: groups[0].multihop: expected a TTL 1..255, found 0\n"
            "meshrr.conf.yml: groups[1].allow[0]: expected allow ranges that no other group's "
            "allow overlaps, found 10.0.0.0/8 of group other overlapping 10.0.0.0/8 of group "
            "clients\n"
            "meshrr.conf.yml: groups[1].allow[1]: expected allow ranges that no other group's "
            "allow overlaps, found 172.16.0.0/12 of group other overlapping 172.16.0.0/12 of group "
            "clients\n"
            "meshrr.conf.yml: groups[1].allow[2]: expected allow ranges that no other group's "
            "allow overlaps, found 192.168.0.0/16 of group other overlapping 192.168.0.0/16 of "
            "group clients\n"
            "meshrr.conf.yml: groups[1].allow[3]: expected allow ranges that no other group's "
            "allow overlaps, found fc00::/7 of group other overlapping fc00::/7 of group clients");
}

}  // namespace
}  // namespace meshbgp::config
