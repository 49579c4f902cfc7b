#include "bgpd/config/host_port.h"

#include <gtest/gtest.h>

namespace meshbgp::config {
namespace {

TEST(HostPort, Ipv4AndBracketedIpv6) {
  auto a = ParseHostPort("0.0.0.0:179");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_FALSE(a->address.v6);
  EXPECT_EQ(a->port, 179);
  auto b = ParseHostPort("[::]:1179");
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_TRUE(b->address.v6);
  EXPECT_EQ(b->port, 1179);
  EXPECT_EQ(HostPortToString(*ParseHostPort("[fd00:0::1]:9179")), "[fd00::1]:9179");
  EXPECT_EQ(HostPortToString(*ParseHostPort("127.0.0.1:65535")), "127.0.0.1:65535");
}

TEST(HostPort, Errors) {
  for (const char* bad : {"", "179", ":179", "0.0.0.0", "0.0.0.0:", "0.0.0.0:0", "0.0.0.0:65536",
                          "::1:179", "[10.0.0.1]:179", "[::1]", "localhost:179", "[::1]:x",
                          "1.2.3.4:17 9"}) {
    EXPECT_FALSE(ParseHostPort(bad).ok()) << bad;
  }
  EXPECT_EQ(ParseHostPort("::1:179").status().message(),
            "expected IPV4:PORT or [IPV6]:PORT with port 1..65535, found ::1:179");
}

}  // namespace
}  // namespace meshbgp::config
