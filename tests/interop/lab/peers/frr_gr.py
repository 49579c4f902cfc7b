"""FRR with graceful restart (RFC 4724) in both roles: `bgp graceful-restart`
with forwarding state preserved (F bit), a short restart time so that a
test can watch it run out, and the helpers' view of stale routes."""

from __future__ import annotations

import json

from .frr import FrrPeer

GR_RESTART_TIME = 30  # seconds the RS keeps this client's routes while it is away


class FrrGracefulPeer(FrrPeer):
    kind = "frr-gr"

    def config(self) -> str:
        # Before the neighbors: FRR refuses a global mode change for peers
        # that already exist ("reset all peers to take effect").
        anchor = f" bgp router-id {self.ip}\n"
        return super().config().replace(anchor, anchor + "\n".join([
            " bgp graceful-restart",
            " bgp graceful-restart preserve-fw-state",
            f" bgp graceful-restart restart-time {GR_RESTART_TIME}"]) + "\n", 1)

    def table(self) -> dict[str, list[dict]]:
        """`show bgp ipv4 unicast json` routes: {prefix: [path, ...]}, with
        FRR's own flags ("stale": true on a path kept through a restart)."""
        return json.loads(self.vtysh("show bgp ipv4 unicast json")).get("routes", {})

    def from_rs(self) -> dict[str, bool]:
        """{prefix: stale} for every path FRR holds from the RS."""
        out = {}
        for prefix, paths in self.table().items():
            for p in paths:
                if p.get("peerId") == self.rs_ip:
                    out[prefix] = bool(p.get("stale", False))
        return out


class FrrNoGracefulRestartPeer(FrrPeer):
    """FRR with graceful restart off. The operations lab clears and downs
    its session and reads FRR's last-reset bookkeeping, which FRR 8.4
    reports differently once graceful restart was negotiated (after a
    clear it shows "No AFI/SAFI activated for peer" from the reconnect);
    graceful restart itself is checked in test_graceful_restart."""
    kind = "frr-nogr"

    def config(self) -> str:
        anchor = f" bgp router-id {self.ip}\n"
        return super().config().replace(anchor, anchor + " bgp graceful-restart-disable\n", 1)
