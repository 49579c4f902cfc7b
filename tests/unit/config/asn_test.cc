#include "bgpd/config/asn.h"

#include <gtest/gtest.h>

namespace meshbgp::config {
namespace {

TEST(Asn, Asplain) {
  EXPECT_EQ(ParseAsn("65000"), 65000u);
  EXPECT_EQ(ParseAsn("0"), 0u);
  EXPECT_EQ(ParseAsn("4294967295"), 4294967295u);
  EXPECT_EQ(ParseAsn("4259840001"), 4259840001u);
}

TEST(Asn, Asdot) {
  EXPECT_EQ(ParseAsn("65000.1"), 4259840001u);
  EXPECT_EQ(ParseAsn("65000.1"), 65000u * 65536u + 1u);
  EXPECT_EQ(ParseAsn("0.1"), 1u);
  EXPECT_EQ(ParseAsn("1.0"), 65536u);
  EXPECT_EQ(ParseAsn("65535.65535"), 4294967295u);
  EXPECT_EQ(ParseAsn("65000.10"), 65000u * 65536u + 10u);
}

TEST(Asn, RejectsMalformed) {
  for (const char* bad : {"", "-1", "+1", "4294967296", "99999999999", "65536.0", "1.65536",
                          "1.2.3", " 1", "1 ", "1.", ".1", "0x10", "AS65000", "65000.1a"}) {
    EXPECT_EQ(ParseAsn(bad), std::nullopt) << bad;
  }
}

TEST(Asn, ToStringIsAsplain) {
  EXPECT_EQ(AsnToString(4259840001u), "4259840001");
  EXPECT_EQ(AsnToString(65000), "65000");
}

TEST(AsRange, SingleAndRange) {
  EXPECT_EQ(*ParseAsRange("65010"), (AsRange{65010, 65010}));
  EXPECT_EQ(*ParseAsRange("65001-65535"), (AsRange{65001, 65535}));
  EXPECT_EQ(*ParseAsRange("65000.1-65000.20"), (AsRange{4259840001u, 4259840020u}));
  EXPECT_EQ(*ParseAsRange("1-1"), (AsRange{1, 1}));
  EXPECT_TRUE(ParseAsRange("65001-65535")->Contains(65001));
  EXPECT_TRUE(ParseAsRange("65001-65535")->Contains(65535));
  EXPECT_FALSE(ParseAsRange("65001-65535")->Contains(65000));
  EXPECT_EQ(AsRangeToString({65001, 65535}), "65001-65535");
  EXPECT_EQ(AsRangeToString({65010, 65010}), "65010");
}

TEST(AsRange, Errors) {
  EXPECT_EQ(ParseAsRange("65535-65001").status().message(),
            "expected a range LOW-HIGH with LOW <= HIGH, found 65535-65001");
  EXPECT_EQ(ParseAsRange("65001-").status().message(),
            "expected an AS number (65001 or 65000.1) or a range LOW-HIGH (65001-65535), found "
            "65001-");
  EXPECT_FALSE(ParseAsRange("1-2-3").ok());
  EXPECT_FALSE(ParseAsRange("a-b").ok());
}

}  // namespace
}  // namespace meshbgp::config
