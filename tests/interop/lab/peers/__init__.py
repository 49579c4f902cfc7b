"""Route-server clients: one module per daemon, all with the Peer interface of base.py."""

from .base import Peer
from .bird import BirdPeer
from .exabgp import ExaBgpPeer, ExaBgpTwoOctetPeer
from .exabgp_evpn import ExaBgpEvpnPeer
from .frr import FrrEvpnPeer, FrrPassivePeer, FrrPeer
from .frr_gr import FrrGracefulPeer, FrrNoGracefulRestartPeer
from .frr_vtep import FrrVtepPeer
from .gobgp import GoBgpEvpnPeer, GoBgpPeer
from .openbgpd import OpenBgpdPeer
from .secured import SECURED_KINDS
from .raw_evpn import RawEvpnPeer

__all__ = ["Peer", "KINDS"]

KINDS = {
    "frr": FrrPeer,
    "frr-passive": FrrPassivePeer,
    "frr-gr": FrrGracefulPeer,
    "frr-nogr": FrrNoGracefulRestartPeer,
    "bird": BirdPeer,
    "gobgp": GoBgpPeer,
    "gobgp-evpn": GoBgpEvpnPeer,
    "frr-evpn": FrrEvpnPeer,
    "openbgpd": OpenBgpdPeer,
    "exabgp": ExaBgpPeer,
    "exabgp-as2": ExaBgpTwoOctetPeer,
    **SECURED_KINDS,
    "exabgp-evpn": ExaBgpEvpnPeer,
    "frr-vtep": FrrVtepPeer,
    "raw-evpn": RawEvpnPeer,
}
