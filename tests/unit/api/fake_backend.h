// A ControlBackend test double for the API and bgpctl tests: answers with
// the JSON fixtures in tests/unit/api/fixtures (the documented shapes) and
// records what it was asked to do. It stands in for the daemon, not for a
// BGP peer.
#pragma once

#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bgpd/api/control_backend.h"
#include "bgpd/api/rib_query.h"

namespace meshbgp::api::testing {

inline nlohmann::json LoadFixture(const std::string& name) {
  std::ifstream in(std::string(MESHBGP_API_FIXTURES) + "/" + name);
  if (!in) throw std::runtime_error("missing fixture " + name);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

class FakeBackend : public ControlBackend {
 public:
  FakeBackend()
      : status_(LoadFixture("status.json")),
        summary_(LoadFixture("summary.json")),
        neighbors_(LoadFixture("neighbors.json")),
        rib_(LoadFixture("rib.json")) {}

  nlohmann::json Status() override {
    if (throw_in_status) throw std::runtime_error("backend exploded");
    return status_;
  }
  nlohmann::json Summary() override { return summary_; }

  absl::StatusOr<nlohmann::json> Neighbors(const std::optional<std::string>& address) override {
    if (!address) return neighbors_;
    for (const auto& n : neighbors_["neighbors"]) {
      if (n["address"] == *address) return nlohmann::json{{"neighbors", {n}}};
    }
    return absl::NotFoundError("no neighbor " + *address);
  }

  absl::StatusOr<nlohmann::json> Rib(const RibQuery& query) override {
    {
      std::lock_guard lock(mu_);
      rib_queries_.push_back(query);
    }
    if (query.family != "ipv4" && query.family != "evpn") {
      return absl::InvalidArgumentError("unknown family " + query.family);
    }
    nlohmann::json routes = nlohmann::json::array();
    for (const auto& route : rib_["routes"]) {
      if (query.neighbor && route["neighbor"] != *query.neighbor) continue;
      if (query.prefix && route["prefix"] != *query.prefix) continue;
      if (query.limit != 0 && routes.size() >= query.limit) break;
      routes.push_back(route);
    }
    return nlohmann::json{{"routes", routes}};
  }

  absl::Status NeighborAction(const std::string& address, const std::string& action) override {
    if (!Neighbors(address).ok()) return absl::NotFoundError("no neighbor " + address);
    if (address == "10.0.0.2" && action == "up") {
      return absl::FailedPreconditionError("neighbor 10.0.0.2 is already up");
    }
    std::lock_guard lock(mu_);
    actions_.push_back(address + " " + action);
    return absl::OkStatus();
  }

  absl::Status Reload() override {
    ++reloads;
    return reload_result;
  }
  bool Healthy() override { return healthy; }
  bool Ready() override { return ready; }

  std::vector<std::string> actions() {
    std::lock_guard lock(mu_);
    return actions_;
  }
  std::vector<RibQuery> rib_queries() {
    std::lock_guard lock(mu_);
    return rib_queries_;
  }
  const nlohmann::json& status_json() const { return status_; }
  const nlohmann::json& summary_json() const { return summary_; }
  const nlohmann::json& neighbors_json() const { return neighbors_; }
  const nlohmann::json& rib_json() const { return rib_; }

  std::atomic<bool> healthy{true};
  std::atomic<bool> ready{true};
  std::atomic<bool> throw_in_status{false};
  std::atomic<int> reloads{0};
  absl::Status reload_result;  // set before the server starts

 private:
  const nlohmann::json status_, summary_, neighbors_, rib_;
  std::mutex mu_;
  std::vector<std::string> actions_;
  std::vector<RibQuery> rib_queries_;
};

}  // namespace meshbgp::api::testing
