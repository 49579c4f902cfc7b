// Reading YAML: unknown keys, types, syntax errors and positions (after
// ${VAR} expansion), and loading files.
#include "bgpd/config/yaml_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/unit/config/parse_helpers.h"

namespace meshbgp::config {
namespace {

TEST(YamlReader, UnknownTopLevelKeyListsTheValidOnesAndGuesses) {
  EXPECT_EQ(ErrorOf(WithHeader("hold_tme: 90\n")),
            "t.yaml:3:1: expected one of asn, router_id, listen, threads, hold_time, "
            "graceful_restart, api, log, mrt, groups, neighbors, drain_seconds, ready_timeout, found "
            "unknown key \"hold_tme\" (did you mean \"hold_time\"?)");
}

TEST(YamlReader, GuessesOnlyWithinTwoEditsAndNeverForALongKey) {
  // Two characters longer: still a guess.
  EXPECT_NE(ErrorOf(WithHeader("hold_timexx: 90\n")).find("(did you mean \"hold_time\"?)"),
            std::string::npos);
  // Three longer, or a key far longer than any: no guess.
  EXPECT_EQ(ErrorOf(WithHeader("hold_timexxx: 90\n")).find("did you mean"), std::string::npos);
  EXPECT_EQ(ErrorOf(WithHeader(std::string(3000, 'a') + ": 1\n")).find("did you mean"),
            std::string::npos);
}

TEST(YamlReader, UnknownNestedKeyNamesItsPlace) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - name: A\n    colour: blue\n")),
            "t.yaml:5:5: groups[0]: expected one of name, type, families, mesh, allow, peer_as, "
            "route_server, route_reflector, cluster_id, multihop, ttl_security, password, "
            "max_prefixes, passive, hold_time, max_prefixes_restart, max_sessions, "
            "max_connects_per_minute, graceful_restart, found unknown key \"colour\"");
  EXPECT_EQ(ErrorOf(WithHeader("api: {sockett: /x}\n")),
            "t.yaml:3:7: api: expected one of socket, http, found unknown key \"sockett\" (did you "
            "mean \"socket\"?)");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - name: A\n    type: internal\n    mesh: {dns: x, "
                               "ttl: 5}\n")),
            "t.yaml:6:20: groups[0].mesh: expected one of dns, port, interval, max_peers, "
            "empty_grace, found unknown key \"ttl\"");
}

TEST(YamlReader, DuplicateKeysAreErrors) {
  EXPECT_EQ(ErrorOf("asn: 65000\nrouter_id: 10.0.0.1\nasn: 65001\n"),
            "t.yaml:3:1: expected each key once, found \"asn\" again (first at 1:6)");
}

TEST(YamlReader, WrongNodeKinds) {
  EXPECT_EQ(ErrorOf(WithHeader("groups: {name: A}\n")),
            "t.yaml:3:9: groups: expected a list, found a mapping");
  EXPECT_EQ(ErrorOf(WithHeader("api: /run/x.sock\n")),
            "t.yaml:3:6: api: expected a mapping (key: value), found /run/x.sock");
  EXPECT_EQ(ErrorOf(WithHeader("threads: [1]\n")),
            "t.yaml:3:10: threads: expected 0..1024 (0 = one per core), found a list");
  EXPECT_EQ(ErrorOf("- asn: 1\n"), "t.yaml:1:1: expected a mapping (key: value), found a list");
  EXPECT_EQ(ErrorOf(WithHeader("? [a]\n: 1\n")), "t.yaml:3:3: expected a key, found a list");
}

TEST(YamlReader, BooleansAreTrueOrFalseOnly) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, route_server: yes}\n")),
            "t.yaml:4:29: groups[0].route_server: expected true or false, found yes");
  Config c = Parsed(WithHeader("groups:\n  - {name: A, route_server: False, ttl_security: TRUE}\n"));
  EXPECT_FALSE(c.groups[0].route_server);
  EXPECT_TRUE(c.groups[0].ttl_security);
}

TEST(YamlReader, SecurityLimits) {
  Config c = Parsed(WithHeader("groups:\n  - {name: A}\n"));
  EXPECT_EQ(c.groups[0].max_sessions, 1000u);
  EXPECT_EQ(c.groups[0].max_connects_per_minute, 60u);
  EXPECT_EQ(c.groups[0].max_prefixes_restart, std::chrono::milliseconds(0));
  c = Parsed(WithHeader("groups:\n  - {name: A, max_sessions: 0, max_connects_per_minute: 5, "
                        "max_prefixes_restart: 2m}\n"));
  EXPECT_EQ(c.groups[0].max_sessions, 0u);
  EXPECT_EQ(c.groups[0].max_connects_per_minute, 5u);
  EXPECT_EQ(c.groups[0].max_prefixes_restart, std::chrono::minutes(2));
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, max_prefixes_restart: soon}\n")),
            "t.yaml:4:37: groups[0].max_prefixes_restart: expected a duration (500ms, 5s, 1m, 1h; a "
            "plain number is seconds), found soon");
}

TEST(YamlReader, IntegersAreDecimal) {
  EXPECT_EQ(ErrorOf(WithHeader("threads: 0x10\n")),
            "t.yaml:3:10: threads: expected 0..1024 (0 = one per core), found 0x10");
  EXPECT_EQ(ErrorOf(WithHeader("threads:\n")),
            "t.yaml:3:1: threads: expected 0..1024 (0 = one per core), found nothing");
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, max_prefixes: 4294967296}\n")),
            "t.yaml:4:29: groups[0].max_prefixes: expected an integer 0..4294967295, found "
            "4294967296");
  EXPECT_EQ(Parsed(WithHeader("groups:\n  - {name: A, max_prefixes: \"1000\"}\n"))
                .groups[0]
                .max_prefixes,
            1000u);
}

TEST(YamlReader, SyntaxErrorsCarryTheirPosition) {
  const std::string message = ErrorOf(WithHeader("groups: [a, b\nneighbors: []\n"));
  EXPECT_EQ(message.rfind("t.yaml:", 0), 0u) << message;
  EXPECT_NE(message.find(": expected valid YAML, found "), std::string::npos) << message;
  EXPECT_EQ(ErrorOf("asn: 65000\n  router_id: 1.2.3.4\n"),
            "t.yaml:2:12: expected valid YAML, found illegal map value");
}

TEST(YamlReader, PositionsAreThoseOfTheFileBeforeExpansion) {
  // ${LVL} is 6 characters in the file and 4 after expansion: the error
  // must point at column 31 of the file, not 29 of the expanded text.
  EXPECT_EQ(ErrorOf(WithHeader("log: { level: ${LVL}, format: yaml }\n"), FakeEnv({{"LVL", "info"}})),
            "t.yaml:3:31: log.format: expected text or json, found yaml");
  // A bad value that came from the environment: at its ${.
  EXPECT_EQ(ErrorOf("asn: 65000\nrouter_id: ${RID}\n", FakeEnv({{"RID", "not-an-ip"}})),
            "t.yaml:2:12: router_id: expected a non-zero IPv4 address, found not-an-ip");
  // Lines after a long substitution keep their numbers and columns.
  EXPECT_EQ(ErrorOf("asn: ${ASN:-4200000000}\nrouter_id: 10.0.0.1\nthreads: x\n"),
            "t.yaml:3:10: threads: expected 0..1024 (0 = one per core), found x");
}

TEST(YamlReader, ColumnsCountCharactersAndIgnoreAByteOrderMark) {
  EXPECT_EQ(ErrorOf(WithHeader("groups:\n  - {name: A, password: \"h\xC3\xA9llo\", multihop: 0}\n")),
            "t.yaml:4:44: groups[0].multihop: expected a TTL 1..255, found 0");
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF" + WithHeader("threads: x\n")),
            "t.yaml:3:10: threads: expected 0..1024 (0 = one per core), found x");
}

TEST(YamlReader, EnvDefaultsInValues) {
  Config c = Parsed("asn: ${ASN:-65000.1}\nrouter_id: ${RID:-10.0.0.1}\nlisten: "
                    "[\"0.0.0.0:${PORT:-179}\"]\n",
                    FakeEnv({{"PORT", "1179"}}));
  EXPECT_EQ(c.asn, 4259840001u);
  EXPECT_EQ(c.router_id, 0x0A000001u);
  EXPECT_EQ(c.listen, (std::vector<std::string>{"0.0.0.0:1179"}));
}

TEST(YamlReader, EmptyDocumentNeedsAsnAndRouterId) {
  EXPECT_EQ(ErrorOf(""),
            "t.yaml:1:1: asn: expected an AS number 1..4294967295 or asdot 0.1..65535.65535, "
            "found nothing\n"
            "t.yaml:1:1: router_id: expected a non-zero IPv4 address (required unless POD_IP is "
            "set), found nothing");
}

TEST(YamlReader, MinimalFileGetsEveryDefault) {
  Config c = Parsed(std::string(testing::kHeader));
  EXPECT_EQ(c.threads, 0u);
  EXPECT_EQ(c.hold_time, 90);
  EXPECT_EQ(c.log.level, "info");
  EXPECT_EQ(c.log.format, "text");
  EXPECT_TRUE(c.groups.empty());
  EXPECT_TRUE(c.neighbors.empty());
  EXPECT_EQ(c.source, "t.yaml");
}

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/meshbgp-config-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::remove((dir_ + "/bgpd.yaml").c_str());
    rmdir((dir_ + "/sub").c_str());
    rmdir(dir_.c_str());
  }
  std::string dir_;
};

TEST_F(TempDir, LoadsAFileAndNamesItInErrors) {
  const std::string path = dir_ + "/bgpd.yaml";
  std::ofstream(path) << "asn: 65000\nrouter_id: 10.0.0.1\nthreads: many\n";
  auto bad = LoadConfigFile(path, FakeEnv({}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            path + ":3:10: threads: expected 0..1024 (0 = one per core), found many");
  std::ofstream(path) << "asn: 65000\nrouter_id: 10.0.0.1\n";
  auto good = LoadConfigFile(path, FakeEnv({}));
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(good->source, path);
}

TEST_F(TempDir, MissingOrUnreadableFiles) {
  auto missing = LoadConfigFile(dir_ + "/nope.yaml");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            dir_ + "/nope.yaml: cannot read the configuration file: No such file or directory");
  ASSERT_EQ(mkdir((dir_ + "/sub").c_str(), 0700), 0);
  auto directory = LoadConfigFile(dir_ + "/sub");
  EXPECT_EQ(directory.status().message(),
            dir_ + "/sub: cannot read the configuration file: Is a directory");
  if (geteuid() != 0) {  // root reads anything
    const std::string path = dir_ + "/bgpd.yaml";
    std::ofstream(path) << "asn: 65000\n";
    chmod(path.c_str(), 0);
    auto denied = LoadConfigFile(path);
    EXPECT_EQ(denied.status().code(), absl::StatusCode::kPermissionDenied);
  }
}

}  // namespace
}  // namespace meshbgp::config
