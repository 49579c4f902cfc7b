// FUZZ_CHECK: the invariant a fuzz target asserts. A failure prints the
// condition and aborts, which libFuzzer reports as a crash and saves the
// input for; plain assert() would vanish in NDEBUG builds.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                   \
  do {                                                                                     \
    if (!(cond)) {                                                                         \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);   \
      std::abort();                                                                        \
    }                                                                                      \
  } while (0)
