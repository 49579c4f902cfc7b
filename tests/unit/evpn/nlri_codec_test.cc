#include "evpn/nlri_codec.h"

#include <gtest/gtest.h>

#include "evpn/route_key.h"
#include "evpn_test_util.h"

namespace meshbgp::evpn {
namespace {
using namespace test;

Bytes Field(std::initializer_list<EvpnRoute> routes) {
  Bytes out;
  for (const auto& r : routes) out.insert(out.end(), r.raw.begin(), r.raw.end());
  return out;
}

TEST(EvpnNlri, EmptyFieldHasNoRoutes) {
  auto r = DecodeEvpnNlri({});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(EvpnNlri, SplitsSeveralRoutesOfMixedTypesAndReencodesThem) {
  Bytes field = Field({MakeRoute(SampleMacIp()), MakeRoute(77, H("aabb")),
                       MakeRoute(InclusiveMulticast{SampleRd(), 0, V4(10, 0, 0, 1)}),
                       MakeRoute(SampleIpPrefix())});
  auto r = DecodeEvpnNlri(field);
  ASSERT_TRUE(r.ok()) << r.error().reason;
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ(r->at(0).type, 2);
  EXPECT_EQ(r->at(1).type, 77);
  EXPECT_EQ(r->at(2).type, 3);
  EXPECT_EQ(r->at(3).type, 5);
  Bytes out;
  AppendEvpnNlri(*r, out);
  EXPECT_EQ(out, field);
}

TEST(EvpnNlri, LengthOverrunningTheFieldResetsTheSession) {
  Bytes field = Field({MakeRoute(SampleMacIp())});
  field.pop_back();
  wire::test::ExpectError(DecodeEvpnNlri(field), 3, 9);
}

TEST(EvpnNlri, LoneTypeOctetAtTheEndResetsTheSession) {
  Bytes field = Field({MakeRoute(SampleMacIp())});
  field.push_back(2);
  wire::test::ExpectError(DecodeEvpnNlri(field), 3, 9);
}

TEST(EvpnNlri, OverrunInAnUnknownTypeStillResetsTheSession) {
  wire::test::ExpectError(DecodeEvpnNlri(H("c80501020304")), 3, 9);
}

TEST(EvpnNlri, MalformedRouteDoesNotHideItsNeighbours) {
  Bytes bad = {2, 3, 0xaa, 0xbb, 0xcc};
  Bytes field = Field({MakeRoute(SampleIpPrefix())});
  field.insert(field.end(), bad.begin(), bad.end());
  Bytes tail = Field({MakeRoute(SampleMacIp())});
  field.insert(field.end(), tail.begin(), tail.end());
  auto r = DecodeEvpnNlri(field);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_FALSE(r->at(0).malformed);
  EXPECT_TRUE(r->at(1).malformed);
  EXPECT_EQ(r->at(1).raw, bad);
  EXPECT_FALSE(r->at(2).malformed);
  EXPECT_EQ(AsMacIp(r->at(2)), SampleMacIp());
  Bytes out;
  AppendEvpnNlri(*r, out);
  EXPECT_EQ(out, field);  // even a malformed route keeps its bytes
}

TEST(EvpnNlri, UnknownTypesRelayByteForByte) {
  // Type 0 (reserved) and 7 empty, type 254 with three octets.
  Bytes field = H("0000" "0700" "fe03010203");
  auto r = DecodeEvpnNlri(field);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  for (const auto& route : *r) EXPECT_FALSE(route.malformed);
  EXPECT_EQ(r->at(2).type, 0xfe);
  EXPECT_EQ(wire::ToHex(r->at(2).value()), "010203");
  Bytes out = {0x99};  // appends, never overwrites
  AppendEvpnNlri(*r, out);
  EXPECT_EQ(wire::ToHex(out), "99" "0000" "0700" "fe03010203");
}

TEST(EvpnNlri, LongestPossibleUnknownRoute) {
  Bytes value(255, 0x5a);
  EvpnRoute built = MakeRoute(9, value);
  auto r = DecodeEvpnNlri(built.raw);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ(r->at(0).raw.size(), 257u);
  EXPECT_EQ(r->at(0), built);
}

}  // namespace
}  // namespace meshbgp::evpn

namespace meshbgp::evpn {
namespace {
using namespace test;

TEST(EvpnNlriInPlace, VisitsTheSameRoutesAsDecodeWithoutCopying) {
  Bytes field;
  for (const auto& r : {MakeRoute(SampleMacIp()), MakeRoute(2, H("01")), MakeRoute(99, H("ab"))}) {
    field.insert(field.end(), r.raw.begin(), r.raw.end());
  }
  std::vector<EvpnNlriRef> seen;
  EXPECT_FALSE(ForEachEvpnNlri(field, [&](const EvpnNlriRef& r) { seen.push_back(r); }));
  auto decoded = DecodeEvpnNlri(field);
  ASSERT_TRUE(decoded.ok());
  ASSERT_EQ(seen.size(), decoded->size());
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].raw.data(), field.data());  // a view into the field
    EXPECT_LT(seen[i].raw.data(), field.data() + field.size());
    EXPECT_TRUE(std::equal(seen[i].raw.begin(), seen[i].raw.end(), decoded->at(i).raw.begin(),
                           decoded->at(i).raw.end()));
    EXPECT_EQ(seen[i].malformed(), decoded->at(i).malformed);
    EXPECT_EQ(KeyOf(seen[i]), KeyOf(decoded->at(i)));
  }
  EXPECT_TRUE(seen[1].malformed());
}

TEST(EvpnNlriInPlace, FramingErrorVisitsNothing) {
  Bytes field = MakeRoute(SampleMacIp()).raw;
  field.push_back(3);
  field.push_back(17);  // claims 17 octets, none follow
  int calls = 0;
  auto error = ForEachEvpnNlri(field, [&](const EvpnNlriRef&) { ++calls; });
  ASSERT_TRUE(error);
  EXPECT_EQ(error->notification.code, 3);
  EXPECT_EQ(error->notification.subcode, 9);
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace meshbgp::evpn
