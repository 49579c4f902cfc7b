"""meshbgp with a fixed worker-thread count (`threads: 1`, `threads: 2`),
for the scaling rows: the same daemon and config as `meshbgp` otherwise."""

from __future__ import annotations

from .meshbgp import Meshbgp


class MeshbgpT1(Meshbgp):
    name = "meshbgp-t1"
    threads = 1


class MeshbgpT2(Meshbgp):
    name = "meshbgp-t2"
    threads = 2
