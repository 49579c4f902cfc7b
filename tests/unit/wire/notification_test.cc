#include <gtest/gtest.h>

#include <string>

#include "bgpd/wire/notification.h"
#include "test_util.h"

namespace meshbgp::wire {
namespace {
using test::Bytes;
using test::ExpectError;
using test::H;

TEST(Notification, RoundTrip) {
  Notification n{3, 11, {1, 2, 3}};
  Bytes msg = EncodeNotification(n);
  EXPECT_EQ(ToHex(msg), "ffffffffffffffffffffffffffffffff00180303" "0b010203");
  auto d = DecodeNotification(std::span(msg).subspan(19));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, n);
}

TEST(Notification, TooShortBody) { ExpectError(DecodeNotification(H("06")), 1, 2, {0, 20}); }

TEST(Notification, ShutdownCommunication) {
  Notification n = ShutdownNotification(cease::kAdministrativeShutdown, "maintenance");
  EXPECT_EQ(n.code, 6);
  EXPECT_EQ(n.subcode, 2);
  EXPECT_EQ(ToHex(n.data), "0b" + ToHex(Bytes{'m', 'a', 'i', 'n', 't', 'e', 'n', 'a', 'n', 'c', 'e'}));
  EXPECT_EQ(ShutdownMessage(n), "maintenance");
  EXPECT_EQ(DescribeNotification(n), "Cease / Administrative Shutdown: \"maintenance\"");
  Notification reset = ShutdownNotification(cease::kAdministrativeReset, "");
  EXPECT_TRUE(reset.data.empty());
}

TEST(Notification, ShutdownOnlyForSubcodes2And4) {
  Notification n = ShutdownNotification(cease::kPeerDeconfigured, "bye");
  EXPECT_TRUE(n.data.empty());
  EXPECT_EQ(DescribeNotification(n), "Cease / Peer De-configured");
}

TEST(Notification, ShutdownCutAt255OnCharacterBoundary) {
  std::string text(254, 'a');
  text += "\xc3\xa9";  // é: two octets, would end at 256
  Notification n = ShutdownNotification(cease::kAdministrativeShutdown, text);
  ASSERT_EQ(n.data.size(), 255u);  // length octet + 254
  EXPECT_EQ(n.data[0], 254);
  std::string fits(253, 'b');
  fits += "\xc3\xa9";
  n = ShutdownNotification(cease::kAdministrativeShutdown, fits);
  EXPECT_EQ(n.data[0], 255);
  EXPECT_EQ(ShutdownMessage(n), fits);
}

TEST(Notification, DescribeErrors) {
  EXPECT_EQ(DescribeNotification({2, 2, {}}), "OPEN Message Error / Bad Peer AS");
  EXPECT_EQ(DescribeNotification({3, 11, {}}), "UPDATE Message Error / Malformed AS_PATH");
  EXPECT_EQ(DescribeNotification({2, 1, {0, 4}}),
            "OPEN Message Error / Unsupported Version Number, data 0004");
  EXPECT_EQ(DescribeNotification({4, 0, {}}), "Hold Timer Expired");
  EXPECT_EQ(DescribeNotification({7, 1, {}}), "ROUTE-REFRESH Message Error / Invalid Message Length");
  EXPECT_EQ(DescribeNotification({42, 7, {0xab}}), "Error 42 / Subcode 7, data ab");
  EXPECT_EQ(DescribeNotification({6, 99, {}}), "Cease / Subcode 99");
}

TEST(Notification, DescribeBadShutdownDataAsHex) {
  // Length says 5, only 2 octets follow: not a valid communication.
  EXPECT_EQ(DescribeNotification({6, 2, {5, 'h', 'i'}}),
            "Cease / Administrative Shutdown, data 056869");
  // Invalid UTF-8.
  EXPECT_EQ(DescribeNotification({6, 4, {1, 0xff}}), "Cease / Administrative Reset, data 01ff");
  // Quotes and control characters are escaped.
  EXPECT_EQ(DescribeNotification({6, 2, {3, '"', '\n', 'x'}}),
            "Cease / Administrative Shutdown: \"\\\"\\x0ax\"");
}

}  // namespace
}  // namespace meshbgp::wire
