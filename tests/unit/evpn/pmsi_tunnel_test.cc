#include "evpn/pmsi_tunnel.h"

#include <gtest/gtest.h>

#include <vector>

namespace meshbgp::evpn {
namespace {

TEST(PmsiTunnel, IngressReplicationWithVniAndIpv4Endpoint) {
  // What GoBGP sends for `pmsi ingress-repl 100 10.0.0.12`.
  const std::vector<uint8_t> value = {0x00, 0x06, 0x00, 0x00, 0x64, 10, 0, 0, 12};
  auto t = ParsePmsiTunnel(value);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->flags, 0);
  EXPECT_EQ(TunnelTypeName(t->tunnel_type), "ingress-replication");
  EXPECT_EQ(t->label.Vni(), 100u);
  EXPECT_EQ(TunnelIdToString(*t), "10.0.0.12");
}

TEST(PmsiTunnel, OddIdentifierShownInHexAndTruncatedValueRefused) {
  auto t = ParsePmsiTunnel(std::vector<uint8_t>{0x01, 0x63, 0x00, 0x00, 0x01, 0xab, 0xcd});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->flags, 1);
  EXPECT_EQ(TunnelTypeName(t->tunnel_type), "type-99");
  EXPECT_EQ(TunnelIdToString(*t), "abcd");
  EXPECT_FALSE(ParsePmsiTunnel(std::vector<uint8_t>{0x00, 0x06, 0x00, 0x00}));
}

}  // namespace
}  // namespace meshbgp::evpn
