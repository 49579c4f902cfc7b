#include <gtest/gtest.h>

#include "bgpd/wire/route_refresh.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using test::ExpectError;
using test::H;

TEST(RouteRefresh, RoundTripAllSubtypes) {
  for (uint8_t sub : {0, 1, 2}) {
    RouteRefresh rr{{25, 70}, sub};
    auto msg = EncodeRouteRefresh(rr);
    ASSERT_EQ(msg.size(), 23u);
    EXPECT_EQ(msg[18], 5);
    auto d = DecodeRouteRefresh(std::span(msg).subspan(19));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(*d, rr);
  }
  EXPECT_EQ(ToHex(EncodeRouteRefresh({{1, 1}, 0})),
            "ffffffffffffffffffffffffffffffff001705" "00010001");
}

TEST(RouteRefresh, WrongLengthCarriesWholeMessage) {
  auto body = H("0001 01 01 ff");
  ExpectError(DecodeRouteRefresh(body), 7, 1,
              H("ffffffffffffffffffffffffffffffff001805 0001 01 01 ff"));
}

TEST(RouteRefresh, UnknownSubtypeDecodes) {
  auto d = DecodeRouteRefresh(H("0001 07 01"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->subtype, 7);
}

}  // namespace
}  // namespace meshbgp::wire
