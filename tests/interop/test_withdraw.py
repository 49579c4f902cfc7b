"""A prefix announced at runtime by one client reaches all others, and its
withdrawal removes it from all others (each daemon's own runtime API)."""

import pytest

from lab.routes import Announcement
from lab.topologies import RELAY_CLIENTS


@pytest.mark.parametrize("origin", [name for name, *_ in RELAY_CLIENTS])
def test_withdrawal_at_one_client_disappears_from_all_others(relay_lab, origin):
    peer = relay_lab.peers[origin]
    others = [p for p in relay_lab.live_peers() if p is not peer]
    relay_lab.wait_converged(others)
    octet = peer.asn - 65000
    extra = Announcement(f"10.{octet}.9.0/24", communities=(f"{peer.asn}:9",))
    peer.announce(extra)
    try:
        relay_lab.wait_converged(others)  # the new prefix everywhere, unchanged
    finally:
        peer.withdraw(extra.prefix)
    relay_lab.wait_converged(others)  # and gone everywhere
    for p in others:
        assert extra.prefix not in p.routes(), f"{p!r} still has withdrawn {extra.prefix}"
