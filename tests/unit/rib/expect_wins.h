// The best-path tests' one assertion: a path wins over another at a given
// decision step, whichever side of the comparison it is on.
#pragma once

#include <gtest/gtest.h>

#include "rib/best_path.h"

namespace meshbgp::rib::testing {

// P is Path or EvpnPath (ComparePaths is overloaded for both).
template <typename P>
void ExpectWins(const P& better, const P& worse, DecisionStep step) {
  const Comparison ab = ComparePaths(better, worse);
  EXPECT_LT(ab.order, 0);
  EXPECT_EQ(ab.step, step) << DecisionStepName(ab.step);
  const Comparison ba = ComparePaths(worse, better);
  EXPECT_GT(ba.order, 0);
  EXPECT_EQ(ba.step, step) << DecisionStepName(ba.step);
}

}  // namespace meshbgp::rib::testing
