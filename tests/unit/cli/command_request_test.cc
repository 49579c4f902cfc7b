#include "bgpd/cli/command_request.h"

#include <gtest/gtest.h>

namespace meshbgp::cli {
namespace {

using boost::beast::http::verb;

ApiRequest For(std::vector<std::string> args) {
  auto parsed = ParseCommandLine(args);
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return RequestFor(parsed->command);
}

TEST(RequestFor, EveryCommand) {
  struct Case {
    std::vector<std::string> args;
    verb method;
    std::string target;
  };
  const Case cases[] = {
      {{"show"}, verb::get, "/v1/summary"},
      {{"show", "status"}, verb::get, "/v1/status"},
      {{"show", "mesh"}, verb::get, "/v1/mesh"},
      {{"show", "neighbor"}, verb::get, "/v1/neighbors"},
      {{"show", "neighbor", "fd00::1"}, verb::get, "/v1/neighbors/fd00::1"},
      {{"show", "rib"}, verb::get, "/v1/rib?family=ipv4"},
      {{"show", "rib", "10.1.0.0/24", "neighbor", "10.0.0.2", "out", "limit", "3"}, verb::get,
       "/v1/rib?family=ipv4&prefix=10.1.0.0%2F24&neighbor=10.0.0.2&dir=out&limit=3"},
      {{"show", "rib", "evpn"}, verb::get, "/v1/rib?family=evpn"},
      {{"neighbor", "10.0.0.2", "cl"}, verb::post, "/v1/neighbors/10.0.0.2/clear"},
      {{"neighbor", "a/b", "down"}, verb::post, "/v1/neighbors/a%2Fb/down"},
      {{"reload"}, verb::post, "/v1/reload"},
  };
  for (const Case& c : cases) {
    const ApiRequest request = For(c.args);
    EXPECT_EQ(request.method, c.method) << c.target;
    EXPECT_EQ(request.target, c.target);
  }
}

}  // namespace
}  // namespace meshbgp::cli
