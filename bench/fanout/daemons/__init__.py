"""One module per route-server daemon the benchmark runs. Each renders its
daemon's configuration for the same job (accept every load-generator
client, relay routes as a route server: next hop and AS path untouched,
no export policy, logging quiet) and starts it in the lab."""

from .base import RouteServer, RsSpec
from .bird import Bird
from .frr import Frr
from .gobgp import GoBgp
from .meshbgp import Meshbgp
from .meshbgp_mrt import MeshbgpMrt
from .meshbgp_threads import MeshbgpT1, MeshbgpT2
from .openbgpd import OpenBgpd

DAEMONS: dict[str, type[RouteServer]] = {
    "meshbgp": Meshbgp,
    "bird": Bird,
    "frr": Frr,
    "openbgpd": OpenBgpd,
    "gobgp": GoBgp,
    "meshbgp-t1": MeshbgpT1,
    "meshbgp-t2": MeshbgpT2,
    "meshbgp-mrt": MeshbgpMrt,
}

__all__ = ["DAEMONS", "RouteServer", "RsSpec"]
