// The embedded default (CONFIG.md §4) and the YAML writer.
#include "bgpd/config/default_config.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "bgpd/config/config_validate.h"
#include "bgpd/config/config_writer.h"
#include "bgpd/config/redact.h"
#include "bgpd/config/ip_prefix.h"
#include "tests/unit/config/parse_helpers.h"

namespace meshbgp::config {
namespace {

TEST(DefaultConfig, MatchesTheContract) {
  Config c = DefaultConfig(FakeEnv({}));
  EXPECT_EQ(c.asn, 65000u);
  EXPECT_EQ(c.listen, (std::vector<std::string>{"0.0.0.0:179", "[::]:179"}));
  EXPECT_EQ(c.api.http, "127.0.0.1:9179");
  EXPECT_EQ(c.source, "<default>");
  ASSERT_EQ(c.groups.size(), 1u);
  const Group& g = c.groups[0];
  EXPECT_EQ(g.name, "clients");
  EXPECT_EQ(g.type, GroupType::kExternal);
  EXPECT_EQ(g.families,
            (std::vector<wire::Family>{wire::Family::kIpv4Unicast, wire::Family::kEvpn}));
  std::vector<std::string> allow;
  for (const IpPrefix& p : g.allow) allow.push_back(p.ToString());
  EXPECT_EQ(allow, (std::vector<std::string>{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                                             "fc00::/7"}));
  EXPECT_TRUE(g.peer_as.empty());
  EXPECT_TRUE(g.route_server);
  EXPECT_EQ(g.multihop, 10);
  EXPECT_TRUE(g.passive);
  EXPECT_TRUE(ValidateConfig(c).ok()) << ValidateConfig(c);
}

TEST(DefaultConfig, RouterIdPrefersPodIpThenAnInterface) {
  EXPECT_EQ(DetectRouterId(FakeEnv({{"POD_IP", "10.244.0.5"}})), 0x0AF40005u);
  const uint32_t fallback = FirstNonLoopbackIpv4().value_or(kFallbackRouterId);
  EXPECT_EQ(DetectRouterId(FakeEnv({})), fallback);
  EXPECT_EQ(DetectRouterId(FakeEnv({{"POD_IP", "fd00::5"}})), fallback);
  EXPECT_NE(fallback >> 24, 127u);
  EXPECT_NE(fallback, 0u);
}

TEST(DefaultConfig, ApiSocketInAWritableRuntimeDir) {
  char tmpl[] = "/tmp/meshbgp-xdg-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string xdg = tmpl;
  EXPECT_EQ(DefaultApiSocket(FakeEnv({{"XDG_RUNTIME_DIR", xdg}})), xdg + "/meshbgp/bgpd.sock");
  rmdir(xdg.c_str());
  const std::string without = geteuid() == 0
                                  ? std::string("/run/meshbgp/bgpd.sock")
                                  : "/tmp/meshbgp-" + std::to_string(getuid()) + "/bgpd.sock";
  // A runtime dir that does not exist (or is not writable) is skipped.
  EXPECT_EQ(DefaultApiSocket(FakeEnv({{"XDG_RUNTIME_DIR", xdg}})), without);
  EXPECT_EQ(DefaultApiSocket(FakeEnv({})), without);
}

TEST(DefaultConfig, YamlRoundTripsToExactlyTheDefault) {
  const std::string yaml = DefaultConfigYaml();
  auto parsed = ParseConfig(yaml, "<default>");
  ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << yaml;
  EXPECT_EQ(*parsed, DefaultConfig());
  // It is commented for the operator who copies it.
  EXPECT_NE(yaml.find("# meshbgp's built-in configuration"), std::string::npos);
  EXPECT_NE(yaml.find("# empty = any AS but our own"), std::string::npos);
}

TEST(ConfigToYaml, RoundTripsEveryField) {
  Config c = DefaultConfig(FakeEnv({}));
  c.asn = 4259840001u;
  c.threads = 3;
  c.hold_time = 30;
  c.listen = {"10.0.0.1:1179", "[fd00::1]:1179"};
  c.api = {"/run/meshbgp/my sock", ""};
  c.log = {"debug", "json"};
  c.mrt.updates = {"/var/lib/meshbgp/updates.%Y%m%d.%H%M.mrt", std::chrono::minutes(5), 288};
  Group core;
  core.name = "MESHRR-CORE";
  core.type = GroupType::kInternal;
  core.families = {wire::Family::kEvpn};
  core.mesh = MeshSource{"meshrr-core", 1179, std::chrono::milliseconds(1500), 2,
                         std::chrono::milliseconds(7000)};
  c.drain_seconds = 45;
  c.ready_timeout = std::chrono::seconds(90);
  core.route_reflector = true;
  core.cluster_id = 0x0A000001;
  core.ttl_security = true;
  // Characters YAML and ${} expansion would otherwise interpret.
  core.password = "p#ss: \"${NOT_A_VAR}\" 'x' \\ $${y}";
  core.max_prefixes = 100000;
  core.max_prefixes_restart = std::chrono::seconds(90);
  core.max_sessions = 7;
  core.max_connects_per_minute = 0;
  core.hold_time = 9;
  c.groups.push_back(core);
  c.groups[0].peer_as = {{65001, 65535}, {4259840001u, 4259840001u}};
  c.neighbors = {Neighbor{"10.0.0.9", 65010, "clients", 1179, true, "nb: #${X} 'q'"},
                 Neighbor{"fd00::9", 0, "MESHRR-CORE", 179, std::nullopt, ""},
                 Neighbor{"10.0.0.10", 0, "clients", 179, std::nullopt}};
  ASSERT_TRUE(ValidateConfig(c).ok()) << ValidateConfig(c);
  const std::string yaml = ConfigToYaml(c);
  auto parsed = ParseConfig(yaml, "<default>", FakeEnv({}));
  ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << yaml;
  EXPECT_EQ(*parsed, c) << yaml;
  auto commented = ParseConfig(ConfigToYaml(c, YamlStyle::kCommented), "<default>", FakeEnv({}));
  ASSERT_TRUE(commented.ok()) << commented.status();
  EXPECT_EQ(*commented, c);
}

TEST(ConfigToYaml, RedactedConfigShowsNoPassword) {
  Config c = DefaultConfig(FakeEnv({}));
  c.groups[0].password = "t0p-s3cret";
  Group open = c.groups[0];
  open.name = "open";
  open.allow.clear();
  open.password = "";
  c.groups.push_back(open);
  c.neighbors = {Neighbor{"10.0.0.9", 0, "open", 179, std::nullopt, "n3ighb0r-s3cret"},
                 Neighbor{"10.0.0.10", 0, open.name, 179, std::nullopt, ""},
                 Neighbor{"10.0.0.11", 0, open.name, 179, std::nullopt}};
  const Config redacted = RedactSecrets(c);
  const std::string yaml = ConfigToYaml(redacted, YamlStyle::kCommented);
  EXPECT_EQ(yaml.find("t0p-s3cret"), std::string::npos) << yaml;
  EXPECT_EQ(yaml.find("n3ighb0r-s3cret"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("password: \"<redacted>\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("password: \"\""), std::string::npos) << yaml;  // no password is not a secret
  EXPECT_EQ(redacted.neighbors[0].password, kRedacted);
  EXPECT_EQ(redacted.neighbors[1].password, "");          // set and empty stays so
  EXPECT_EQ(redacted.neighbors[2].password, std::nullopt);  // unset stays unset
  EXPECT_EQ(c.groups[0].password, "t0p-s3cret");  // the original is untouched
  EXPECT_EQ(c.neighbors[0].password, "n3ighb0r-s3cret");
}

TEST(ConfigToYaml, QuotesWhatYamlWouldMisread) {
  EXPECT_EQ(YamlScalar("clients"), "clients");
  EXPECT_EQ(YamlScalar("10.0.0.0/8"), "10.0.0.0/8");
  EXPECT_EQ(YamlScalar(""), "\"\"");
  EXPECT_EQ(YamlScalar("null"), "\"null\"");
  EXPECT_EQ(YamlScalar("fc00::/7"), "\"fc00::/7\"");
  EXPECT_EQ(YamlScalar("-x"), "\"-x\"");
  EXPECT_EQ(YamlScalar("a${B}"), "\"a$${B}\"");
  EXPECT_EQ(YamlScalar("q\"\\\n"), "\"q\\\"\\\\\\n\"");
}

}  // namespace
}  // namespace meshbgp::config
