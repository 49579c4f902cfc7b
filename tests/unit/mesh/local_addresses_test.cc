#include "mesh/local_addresses.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace meshbgp::mesh {
namespace {

bool Has(const std::vector<Address>& v, const char* s) {
  return std::find(v.begin(), v.end(), boost::asio::ip::make_address(s)) != v.end();
}

TEST(LocalAddresses, ListsInterfacesSortedAndUnique) {
  auto local = LocalAddresses();
  ASSERT_TRUE(local.ok()) << local.status();
  EXPECT_TRUE(Has(*local, "127.0.0.1"));
  EXPECT_TRUE(std::is_sorted(local->begin(), local->end()));
  EXPECT_EQ(std::adjacent_find(local->begin(), local->end()), local->end());
  for (const auto& a : *local) {
    if (a.is_v6()) {
      EXPECT_EQ(a.to_v6().scope_id(), 0u) << a;
    }
  }
}

TEST(LocalAddresses, AddsPodIpAndIgnoresGarbage) {
  auto with = LocalAddresses("203.0.113.7");
  ASSERT_TRUE(with.ok());
  EXPECT_TRUE(Has(*with, "203.0.113.7"));
  EXPECT_TRUE(std::is_sorted(with->begin(), with->end()));
  auto plain = LocalAddresses();
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(with->size(), plain->size() + 1);
  auto garbage = LocalAddresses("not-an-ip");
  ASSERT_TRUE(garbage.ok());
  EXPECT_EQ(*garbage, *plain);
  auto dup = LocalAddresses("127.0.0.1");
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(*dup, *plain);
}

}  // namespace
}  // namespace meshbgp::mesh
