"""Static neighbors (`neighbors:` list) and dynamic ones (`allow` range)
both come up and exchange routes. In the relay lab FRR is a static neighbor
at 10.0.1.11, outside the allow range 10.0.0.0/24, so only its neighbor
entry can admit it; the other clients are dynamic."""

import ipaddress

from lab.scenario import DYNAMIC_RANGE


def _in_allow_range(ip):
    return ipaddress.ip_address(ip) in ipaddress.ip_network(DYNAMIC_RANGE)


def test_static_neighbor_outside_allow_range_exchanges_routes(relay_lab):
    frr = relay_lab.peers["frr"]
    assert not _in_allow_range(frr.ip), "the static neighbor must not be admitted by the allow range too"
    assert frr.session_state() == "Established"
    relay_lab.wait_view(frr)  # it receives everyone's routes
    for p in relay_lab.live_peers():
        if p is not frr:
            got = relay_lab.wait_view(p)
            assert set(frr.announced) <= set(got), f"{p!r} lacks the static neighbor's routes"


def test_dynamic_clients_from_allow_range_exchange_routes(relay_lab):
    dynamic = [p for p in relay_lab.live_peers() if _in_allow_range(p.ip)]
    assert len(dynamic) >= 4
    relay_lab.wait_converged(dynamic)


def test_rs_summary_lists_static_and_dynamic_neighbors_established(relay_lab):
    summary = relay_lab.rs.summary()
    want = {p.ip: "Established" for p in relay_lab.live_peers()}
    assert {ip: summary.get(ip, {}).get("state") for ip in want} == want, summary
