// An environment for tests, so that they never depend on (or change) the
// variables of the process running them.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "bgpd/config/env_expand.h"

namespace meshbgp::config::testing {

inline EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace meshbgp::config::testing

namespace meshbgp::config {
// The config tests live in meshbgp::config and call it unqualified.
using testing::FakeEnv;
}  // namespace meshbgp::config
