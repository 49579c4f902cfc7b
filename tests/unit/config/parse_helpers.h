// Helpers for tests that parse YAML text: the parsed Config, or the exact
// error text it produced.
#pragma once

#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "bgpd/config/config_load.h"
#include "tests/unit/config/test_env.h"

namespace meshbgp::config::testing {

// Most tests need a valid asn and router_id before what they exercise;
// these take lines 1 and 2, so the lines under test start at 3.
inline constexpr std::string_view kHeader = "asn: 65000\nrouter_id: 10.0.0.1\n";

inline Config Parsed(std::string_view yaml, const EnvLookup& env = FakeEnv({})) {
  auto c = ParseConfig(yaml, "t.yaml", env);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *c : Config{};
}

inline std::string ErrorOf(std::string_view yaml, const EnvLookup& env = FakeEnv({})) {
  auto c = ParseConfig(yaml, "t.yaml", env);
  EXPECT_FALSE(c.ok()) << "parsed without error";
  return c.ok() ? std::string() : std::string(c.status().message());
}

inline std::string WithHeader(std::string_view rest) { return std::string(kHeader) + std::string(rest); }

}  // namespace meshbgp::config::testing

namespace meshbgp::config {
// The config tests live in meshbgp::config and call these unqualified.
using testing::ErrorOf;
using testing::Parsed;
using testing::WithHeader;
}  // namespace meshbgp::config
