"""A network-namespace lab for interop tests: one netns per BGP speaker,
joined by a bridge in a hub netns, with real daemons (FRR, BIRD, GoBGP,
OpenBGPD, ExaBGP) as route-server clients of the route server under test.

Importable as `tests.interop.lab` from the repository root (the demo does
that) and as `lab` from tests/interop (pytest's rootdir-relative import)."""
