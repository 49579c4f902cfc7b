"""route_server: true (RFC 7947): every client's routes reach every other
client with next hop, AS path, MED and communities exactly as the originator
sent them; no RS AS in the path. Checked in each client's own output."""

import pytest

from lab.topologies import RELAY_CLIENTS

RECEIVERS = [name for name, *_ in RELAY_CLIENTS]


def origins(lab):
    """prefix -> the live client that announced it."""
    return {a: p for p in lab.live_peers() for a in p.announced}


def converged_view(lab, name):
    return lab.wait_view(lab.peers[name])


@pytest.mark.parametrize("client", RECEIVERS + ["victim"])
def test_client_establishes_with_the_rs(relay_lab, client):
    assert relay_lab.peers[client].session_state() == "Established"


@pytest.mark.parametrize("receiver", RECEIVERS)
def test_client_receives_every_other_clients_routes_unchanged(relay_lab, receiver):
    converged_view(relay_lab, receiver)


@pytest.mark.parametrize("receiver", RECEIVERS)
def test_next_hop_is_the_originating_clients_address(relay_lab, receiver):
    routes = converged_view(relay_lab, receiver)
    origin = origins(relay_lab)
    wrong = {prefix: {"next_hop": r["next_hop"], "originator": origin[prefix].ip}
             for prefix, r in routes.items() if r["next_hop"] != origin[prefix].ip}
    assert not wrong, f"third-party next hop rewritten at {receiver}"


@pytest.mark.parametrize("receiver", RECEIVERS)
def test_as_path_is_the_originators_without_rs_as(relay_lab, receiver):
    routes = converged_view(relay_lab, receiver)
    origin = origins(relay_lab)
    wrong = {prefix: r["as_path"] for prefix, r in routes.items()
             if relay_lab.rs.asn in r["as_path"] or r["as_path"][:1] != [origin[prefix].asn]}
    assert not wrong, f"AS paths at {receiver} must start with the originator's AS and hold no RS AS"


@pytest.mark.parametrize("client", ["gobgp", "victim"])
def test_rs_sends_no_withdrawal_of_a_route_it_never_announced(relay_lab, client):
    """Split horizon done right: a client's own prefixes are neither
    announced nor withdrawn back to it (GoBGP logs every stray WITHDRAW)."""
    peer = relay_lab.peers[client]
    relay_lab.wait_view(peer)
    stray = set(peer.stray_withdrawals()) & set(peer.announced)
    assert not stray, f"the RS sent {peer!r} withdrawals of its own prefixes {sorted(stray)}"


def test_every_attribute_kind_is_exercised(relay_lab):
    """Guards the suite itself: the relayed routes carry MED, communities,
    extended and large communities and a prepended path, or the checks above
    would prove less than they claim."""
    used = set()
    for p in relay_lab.live_peers():
        for a in p.announced.values():
            used |= a.attributes_used()
    assert used >= {"med", "communities", "ext_communities", "large_communities", "prepend"}
