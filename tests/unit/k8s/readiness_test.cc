#include "k8s/readiness.h"

#include <gtest/gtest.h>

namespace meshbgp::k8s {
namespace {

using namespace std::chrono_literals;
using Clock = ReadinessGate::Clock;

TEST(Readiness, NeedsListeningAndTheFirstMeshSync) {
  const auto t0 = Clock::time_point{} + 1000s;
  ReadinessGate gate(t0, 30s);
  bool synced = false;
  int asked = 0;
  auto mesh = [&] {
    ++asked;
    return synced;
  };
  EXPECT_EQ(gate.Evaluate(t0, mesh), Readiness::kStarting);
  gate.SetListening();
  EXPECT_EQ(gate.Evaluate(t0 + 1s, mesh), Readiness::kWaitingForMesh);
  synced = true;
  EXPECT_EQ(gate.Evaluate(t0 + 2s, mesh), Readiness::kReady);
  // Later mesh trouble does not take a ready pod out of the Service.
  synced = false;
  const int before = asked;
  EXPECT_EQ(gate.Evaluate(t0 + 3s, mesh), Readiness::kReady);
  EXPECT_EQ(asked, before);
}

TEST(Readiness, TheWaitForTheMeshIsBounded) {
  const auto t0 = Clock::time_point{} + 1000s;
  ReadinessGate gate(t0, 30s);
  gate.SetListening();
  auto never = [] { return false; };
  EXPECT_EQ(gate.Evaluate(t0 + 29s, never), Readiness::kWaitingForMesh);
  EXPECT_EQ(gate.Evaluate(t0 + 30s, never), Readiness::kReady);
  EXPECT_EQ(gate.Evaluate(t0 + 31s, never), Readiness::kReady);
}

TEST(Readiness, DrainingFailsFirst) {
  const auto t0 = Clock::time_point{} + 1000s;
  ReadinessGate gate(t0, 0s);
  gate.SetListening();
  EXPECT_EQ(gate.Evaluate(t0, nullptr), Readiness::kReady);
  gate.StartDraining();
  EXPECT_TRUE(gate.draining());
  EXPECT_EQ(gate.Evaluate(t0 + 1s, nullptr), Readiness::kDraining);
  EXPECT_EQ(ToString(Readiness::kDraining), "draining");
}

}  // namespace
}  // namespace meshbgp::k8s
