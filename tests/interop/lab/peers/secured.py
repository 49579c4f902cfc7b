"""Clients with transport security toward the RS: TCP MD5 (RFC 2385) and
GTSM (RFC 5082), with the right settings and with wrong ones, for
test_security.py. The keys are the lab's own (LAB_MD5_KEY, ...)."""

from __future__ import annotations

from .bird import BirdPeer
from .frr import FrrPeer

LAB_MD5_KEY = "lab-md5-k3y"          # the allow range's key
LAB_STATIC_MD5_KEY = "lab-st4tic-k3y"  # the static neighbors' key
LAB_NEIGHBOR_MD5_KEY = "lab-n3ighb0r-k3y"  # a static neighbor's own key (overrides its group's)
WRONG_MD5_KEY = "not-the-k3y"


class _FrrSecured(FrrPeer):
    password: str | None = None
    ttl_security_hops: int | None = None

    def config(self) -> str:
        lines = [f"router bgp {self.asn}"]
        if self.password:
            lines.append(f" neighbor {self.rs_ip} password {self.password}")
        if self.ttl_security_hops:
            lines.append(f" neighbor {self.rs_ip} ttl-security hops {self.ttl_security_hops}")
        return super().config() + "\n".join(lines) + "\n!\n"


class FrrMd5Peer(_FrrSecured):
    kind = "frr-md5"
    password = LAB_MD5_KEY


class FrrStaticMd5Peer(_FrrSecured):
    kind = "frr-md5-static"
    password = LAB_STATIC_MD5_KEY


class FrrNeighborMd5Peer(_FrrSecured):
    kind = "frr-md5-neighbor"
    password = LAB_NEIGHBOR_MD5_KEY


class FrrWrongMd5Peer(_FrrSecured):
    kind = "frr-md5-wrong"
    password = WRONG_MD5_KEY


class FrrGtsmPeer(_FrrSecured):
    kind = "frr-gtsm"
    ttl_security_hops = 1


class BirdMd5Peer(BirdPeer):
    kind = "bird-md5"

    def config(self) -> str:
        return super().config().replace("  strict bind on;\n",
                                        f'  strict bind on;\n  password "{LAB_MD5_KEY}";\n', 1)


SECURED_KINDS = {c.kind: c for c in (FrrMd5Peer, FrrStaticMd5Peer, FrrNeighborMd5Peer, FrrWrongMd5Peer,
                                     FrrGtsmPeer, BirdMd5Peer)}
