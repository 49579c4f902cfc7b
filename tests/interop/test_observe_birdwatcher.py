"""The birdwatcher endpoints alice-lg's "birdwatcher" source reads, against
the shapes of birdwatcher's documented JSON (github.com/alice-lg/birdwatcher,
README "API"), with the lab's data: every client is a BGP protocol keyed by
its address, /routes/protocol/ID holds exactly what that client announced
(network, gateway, AS path, MED, communities as alice-lg parses them), and
filtered/noexport are empty lists."""

from __future__ import annotations

import re

import pytest

from lab.http_view import http_get
from lab.observe_lab import BASE_URL
from lab.route_server import rs_kind

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="the birdwatcher API is meshbgp's own")

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
SHORT = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def get(lab, path):
    answer = http_get(lab.rs.node, BASE_URL, path)
    assert answer.status == 200, f"{path}: {answer.status} {answer.text}"
    assert answer.content_type.startswith("application/json"), answer.content_type
    doc = answer.json()
    check_api_meta(doc, path)
    return doc


def check_api_meta(doc, path):
    """Every birdwatcher answer: api{Version, result_from_cache,
    cache_status{cached_at{date}}} and ttl, which alice-lg parses first."""
    api = doc.get("api")
    assert isinstance(api, dict), f"{path}: no api object in {doc}"
    assert isinstance(api["Version"], str) and isinstance(api["result_from_cache"], bool), api
    assert RFC3339.match(api["cache_status"]["cached_at"]["date"]), api
    assert RFC3339.match(doc["ttl"]), doc["ttl"]


def test_status(observe_lab):
    status = get(observe_lab, "/status")["status"]
    assert status["router_id"] == observe_lab.rs.ip
    for key in ("current_server", "last_reboot", "last_reconfig"):
        assert SHORT.match(status[key]), (key, status)
    assert status["version"].startswith("meshbgp")


def test_protocols_bgp_lists_every_client(observe_lab):
    protocols = get(observe_lab, "/protocols/bgp")["protocols"]
    for p in observe_lab.live_peers():
        proto = protocols.get(p.ip)
        assert proto is not None, f"{p.ip} missing from {sorted(protocols)}"
        assert proto["bird_protocol"] == "BGP"
        assert proto["neighbor_address"] == p.ip and proto["neighbor_as"] == p.asn
        assert proto["state"] == "up" and SHORT.match(proto["state_changed"])
        routes = proto["routes"]
        # Until the summary counts each family on its own (branch evpn),
        # an EVPN client's IPv4 count includes its EVPN paths.
        if p.kind != "gobgp-evpn":
            assert routes["imported"] == len(p.announced), (p.ip, routes)
        assert routes["filtered"] == 0
        assert isinstance(routes["exported"], int) and isinstance(routes["preferred"], int)
    short = get(observe_lab, "/protocols/short")["protocols"]
    assert {ip: v["state"] for ip, v in short.items()} == {p.ip: "up" for p in observe_lab.live_peers()}


def alice_view(route) -> dict:
    """A birdwatcher route as alice-lg's parser reads it, in lab.routes form."""
    bgp = route["bgp"]
    return {
        "next_hop": bgp["next_hop"],
        "as_path": [int(a) for a in bgp["as_path"]],
        "med": int(bgp["med"]) if "med" in bgp else None,
        "communities": sorted(f"{a}:{b}" for a, b in bgp["communities"]),
        "ext_communities": sorted(f"{k}:{a}:{b}" for k, a, b in bgp["ext_communities"]),
        "large_communities": sorted(f"{a}:{b}:{c}" for a, b, c in bgp["large_communities"]),
    }


def test_routes_of_each_protocol_are_what_the_client_announced(observe_lab):
    for p in observe_lab.live_peers():
        routes = get(observe_lab, f"/routes/protocol/{p.ip}")["routes"]
        for r in routes:
            assert r["from_protocol"] == p.ip and r["gateway"] == p.ip, r
            assert SHORT.match(r["age"]) and r["type"][0] == "BGP", r
        got = {r["network"]: alice_view(r) for r in routes}
        want = {a.prefix: p.originated(a).as_received(p.ip, p.asn) for a in p.announced.values()}
        assert got == want, f"/routes/protocol/{p.ip}"


def test_filtered_and_noexport_are_empty(observe_lab):
    for p in observe_lab.live_peers():
        assert get(observe_lab, f"/routes/filtered/{p.ip}")["routes"] == []
        assert get(observe_lab, f"/routes/noexport/{p.ip}")["routes"] == []


def test_prefix_lookup(observe_lab):
    gobgp = observe_lab.peers["gobgp"]
    prefix = next(iter(gobgp.announced))
    routes = get(observe_lab, f"/routes/prefix?prefix={prefix}")["routes"]
    assert [(r["network"], r["from_protocol"]) for r in routes] == [(prefix, gobgp.ip)]


def test_unknown_protocol_is_an_error_alice_can_show(observe_lab):
    answer = http_get(observe_lab.rs.node, BASE_URL, "/routes/protocol/192.0.2.99")
    assert answer.status == 404 and "error" in answer.json()
