// Turns glibc's per-thread cache (tcache) off for bgpd, before anything
// else runs. Each thread's tcache keeps up to 7 freed chunks of every small
// size for itself; they count as in use, so neither coalescing nor
// malloc_trim can give their pages back, and after a burst of churn they
// pin pages all over the heap (tests/soak, 100k routes, 120 s of churn and
// flaps: RssAnon +20-31% above the level before with tcache, +5% without).
// glibc reads tunables only at process start, so this re-executes bgpd
// once with GLIBC_TUNABLES extended; an operator's own
// glibc.malloc.tcache_count setting is left alone.
#pragma once

namespace meshbgp::daemon {

// Returns only when the tunable is in effect, was chosen by the operator,
// or cannot be applied (sanitizer builds use their own allocator; execv
// failed): then bgpd simply runs with glibc's default.
void ApplyMallocTunables(char** argv);

}  // namespace meshbgp::daemon
