#include "bgpd/cli/grammar.h"

#include <gtest/gtest.h>

namespace meshbgp::cli {
namespace {

using Kind = Command::Kind;
using Direction = api::RibQuery::Direction;

absl::StatusOr<Invocation> Parse(std::vector<std::string> args) { return ParseCommandLine(args); }

Command MustParse(std::vector<std::string> args) {
  auto parsed = ParseCommandLine(args);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.ok() ? parsed->command : Command{};
}

std::string ErrorOf(std::vector<std::string> args) {
  auto parsed = ParseCommandLine(args);
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : std::string(parsed.status().message());
}

TEST(Grammar, ShowCommandsAndAbbreviations) {
  EXPECT_EQ(MustParse({"show", "summary"}).kind, Kind::kShowSummary);
  EXPECT_EQ(MustParse({"sh", "su"}).kind, Kind::kShowSummary);
  EXPECT_EQ(MustParse({"s", "sum"}).kind, Kind::kShowSummary);
  EXPECT_EQ(MustParse({"show"}).kind, Kind::kShowSummary);
  EXPECT_EQ(MustParse({"show", "st"}).kind, Kind::kShowStatus);
  EXPECT_EQ(MustParse({"show", "status"}).kind, Kind::kShowStatus);
  EXPECT_EQ(MustParse({"show", "mesh"}).kind, Kind::kShowMesh);
  EXPECT_EQ(MustParse({"sh", "m"}).kind, Kind::kShowMesh);
  EXPECT_EQ(MustParse({"sh", "r"}).kind, Kind::kShowRib);
  EXPECT_EQ(MustParse({"sh", "n"}).kind, Kind::kShowNeighbor);
}

TEST(Grammar, AmbiguousAndUnknownKeywords) {
  const std::string ambiguous = ErrorOf({"show", "s"});
  EXPECT_NE(ambiguous.find("ambiguous"), std::string::npos) << ambiguous;
  EXPECT_NE(ambiguous.find("summary"), std::string::npos) << ambiguous;
  EXPECT_NE(ambiguous.find("status"), std::string::npos) << ambiguous;
  const std::string unknown = ErrorOf({"show", "routes"});
  EXPECT_NE(unknown.find("'routes'"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("summary, neighbor, rib, status"), std::string::npos) << unknown;
  EXPECT_NE(ErrorOf({"frobnicate"}).find("unknown command"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "summaryx"}).find("unknown"), std::string::npos);  // longer than the keyword
  EXPECT_NE(ErrorOf({"show", "summary", "extra"}).find("unexpected 'extra'"), std::string::npos);
  EXPECT_NE(ErrorOf({}).find("missing command"), std::string::npos);
}

TEST(Grammar, ShowNeighbor) {
  Command c = MustParse({"show", "neighbor"});
  EXPECT_EQ(c.kind, Kind::kShowNeighbor);
  EXPECT_FALSE(c.address);
  c = MustParse({"sh", "nei", "10.0.0.2"});
  EXPECT_EQ(c.address, "10.0.0.2");
  c = MustParse({"sh", "nei", "fd00::2"});
  EXPECT_EQ(c.address, "fd00::2");
  EXPECT_FALSE(Parse({"show", "neighbor", "10.0.0.2", "timers"}).ok());
}

TEST(Grammar, ShowRibOptionsInAnyOrder) {
  Command c = MustParse({"show", "rib"});
  EXPECT_EQ(c.kind, Kind::kShowRib);
  EXPECT_FALSE(c.rib.prefix);
  EXPECT_EQ(c.rib.direction, Direction::kLocRib);
  EXPECT_EQ(c.rib.family, "ipv4");

  c = MustParse({"show", "rib", "10.1.0.0/24", "neighbor", "10.0.0.2", "in"});
  EXPECT_EQ(c.rib.prefix, "10.1.0.0/24");
  EXPECT_EQ(c.rib.neighbor, "10.0.0.2");
  EXPECT_EQ(c.rib.direction, Direction::kIn);

  c = MustParse({"sh", "ri", "o", "ne", "10.0.0.3", "ev", "lim", "5", "10.1.2.3"});
  EXPECT_EQ(c.rib.direction, Direction::kOut);
  EXPECT_EQ(c.rib.neighbor, "10.0.0.3");
  EXPECT_EQ(c.rib.family, "evpn");
  EXPECT_EQ(c.rib.limit, 5u);
  EXPECT_EQ(c.rib.prefix, "10.1.2.3");

  // A keyword with a digit in it is still a keyword, not a prefix.
  c = MustParse({"show", "rib", "ipv4", "neighbor", "10.0.0.2"});
  EXPECT_EQ(c.rib.family, "ipv4");
  EXPECT_FALSE(c.rib.prefix);
  EXPECT_EQ(c.rib.neighbor, "10.0.0.2");
  c = MustParse({"show", "rib", "fc00::/7"});
  EXPECT_EQ(c.rib.prefix, "fc00::/7");
}

TEST(Grammar, ShowEvpnFilters) {
  Command c = MustParse({"show", "evpn"});
  EXPECT_EQ(c.kind, Kind::kShowRib);
  EXPECT_EQ(c.rib.family, "evpn");
  EXPECT_FALSE(c.rib.evpn_type);

  c = MustParse({"sh", "ev", "ty", "2", "rd", "10.0.0.12:100", "m", "02:00:00:00:00:01", "ne", "10.0.0.12",
                 "in", "lim", "3"});
  EXPECT_EQ(c.rib.family, "evpn");
  EXPECT_EQ(c.rib.evpn_type, 2);
  EXPECT_EQ(c.rib.rd, "10.0.0.12:100");
  EXPECT_EQ(c.rib.mac, "02:00:00:00:00:01");
  EXPECT_EQ(c.rib.neighbor, "10.0.0.12");
  EXPECT_EQ(c.rib.direction, Direction::kIn);
  EXPECT_EQ(c.rib.limit, 3u);
  EXPECT_EQ(MustParse({"show", "rib", "evpn", "type", "250"}).rib.evpn_type, 250);

  EXPECT_NE(ErrorOf({"show", "evpn", "type", "0"}).find("1-255"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "evpn", "type", "256"}).find("1-255"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "evpn", "type"}).find("1-255"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "evpn", "rd"}).find("missing"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "evpn", "mac"}).find("missing"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "rib", "type", "2"}).find("show evpn"), std::string::npos);
}

TEST(Grammar, ShowRibErrors) {
  EXPECT_NE(ErrorOf({"show", "rib", "i"}).find("ambiguous"), std::string::npos);  // in / ipv4
  EXPECT_NE(ErrorOf({"show", "rib", "neighbor"}).find("missing address"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "rib", "limit"}).find("number"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "rib", "limit", "-1"}).find("number"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "rib", "10.0.0.0/8", "10.1.0.0/16"}).find("one prefix"), std::string::npos);
  EXPECT_NE(ErrorOf({"show", "rib", "detail"}).find("unknown"), std::string::npos);
}

TEST(Grammar, NeighborActions) {
  Command c = MustParse({"neighbor", "10.0.0.2", "clear"});
  EXPECT_EQ(c.kind, Kind::kNeighborAction);
  EXPECT_EQ(c.address, "10.0.0.2");
  EXPECT_EQ(c.action, "clear");
  EXPECT_EQ(MustParse({"nei", "10.0.0.2", "d"}).action, "down");
  EXPECT_EQ(MustParse({"n", "10.0.0.2", "u"}).action, "up");
  EXPECT_NE(ErrorOf({"neighbor"}).find("missing address"), std::string::npos);
  EXPECT_NE(ErrorOf({"neighbor", "10.0.0.2"}).find("clear, down or up"), std::string::npos);
  EXPECT_NE(ErrorOf({"neighbor", "10.0.0.2", "reset"}).find("unknown neighbor action"), std::string::npos);
  EXPECT_FALSE(Parse({"neighbor", "10.0.0.2", "up", "now"}).ok());
}

TEST(Grammar, ReloadAndHelp) {
  EXPECT_EQ(MustParse({"reload"}).kind, Kind::kReload);
  EXPECT_EQ(MustParse({"rel"}).kind, Kind::kReload);
  EXPECT_FALSE(Parse({"reload", "now"}).ok());
  EXPECT_EQ(MustParse({"help"}).kind, Kind::kHelp);
  EXPECT_EQ(MustParse({"h"}).kind, Kind::kHelp);
  EXPECT_EQ(MustParse({"-h"}).kind, Kind::kHelp);
  EXPECT_NE(UsageText().find("show rib"), std::string::npos);
}

TEST(Grammar, Options) {
  auto parsed = Parse({"-s", "/tmp/x.sock", "-j", "show", "summary"});
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->socket, "/tmp/x.sock");
  EXPECT_TRUE(parsed->json);
  parsed = Parse({"-s/tmp/y.sock", "sh", "st"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->socket, "/tmp/y.sock");
  EXPECT_FALSE(parsed->json);
  parsed = Parse({"--json", "--socket", "/z", "reload"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->json);
  EXPECT_EQ(parsed->socket, "/z");
  parsed = Parse({"show", "summary"});
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed->socket);
  EXPECT_NE(ErrorOf({"-s"}).find("missing socket path"), std::string::npos);
  EXPECT_NE(ErrorOf({"-x", "show"}).find("unknown option '-x'"), std::string::npos);
  EXPECT_NE(ErrorOf({"-j"}).find("missing command"), std::string::npos);
}

}  // namespace
}  // namespace meshbgp::cli
