"""GET /metrics on api.http against the lab's reality: the exposition
parses (prometheus_client's own parser), every client is up with the
number of prefixes it announced, each is advertised every other client's
prefixes, the EVPN routes of client "a" are counted, and clearing a session
moves the NOTIFICATION and flap counters by exactly one."""

from __future__ import annotations

import pytest

from lab.http_view import http_get
from lab.observe_lab import BASE_URL, EVPN_ROUTES
from lab.route_server import rs_kind
from lab.wait import wait_for

prometheus_parser = pytest.importorskip("prometheus_client.parser",
                                        reason="python3-prometheus-client (scripts/setup --test)")

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="/metrics is meshbgp's own")


def scrape(lab) -> dict[tuple, float]:
    """{(sample name, frozenset of labels): value}."""
    answer = http_get(lab.rs.node, BASE_URL, "/metrics")
    assert answer.status == 200, answer.text
    assert answer.content_type.startswith("text/plain; version=0.0.4"), answer.content_type
    samples = {}
    for family in prometheus_parser.text_string_to_metric_families(answer.text):
        for s in family.samples:
            samples[(s.name, frozenset(s.labels.items()))] = s.value
    return samples


def value(samples, name, **labels) -> float | None:
    return samples.get((name, frozenset(labels.items())))


def test_exposition_has_build_info_process_and_rib_gauges(observe_lab):
    s = scrape(observe_lab)
    names = {name for name, _ in s}
    for want in ("meshbgp_build_info", "meshbgp_process_resident_memory_bytes", "meshbgp_process_cpu_seconds_total",
                 "meshbgp_process_start_time_seconds", "meshbgp_rib_prefixes", "meshbgp_rib_paths",
                 "meshbgp_attribute_sets", "meshbgp_update_groups", "meshbgp_sessions"):
        assert want in names, f"{want} missing from /metrics; got {sorted(names)}"
    assert value(s, "meshbgp_process_resident_memory_bytes") > 1 << 20
    ipv4 = sum(len(p.announced) for p in observe_lab.live_peers())
    assert value(s, "meshbgp_rib_prefixes", family="ipv4") == ipv4
    assert value(s, "meshbgp_rib_prefixes", family="evpn") == len(EVPN_ROUTES)
    assert value(s, "meshbgp_sessions", state="Established") == len(observe_lab.live_peers())


def test_per_peer_prefix_gauges_match_what_clients_announced(observe_lab):
    peers = observe_lab.live_peers()
    ipv4_total = sum(len(p.announced) for p in peers)

    def check():
        s = scrape(observe_lab)
        seen, want = {}, {}
        for p in peers:
            own = len(p.announced)
            want[p.ip] = (1, own, ipv4_total - own)
            seen[p.ip] = (value(s, "meshbgp_peer_up", peer=p.ip, group="CLIENTS", peer_as=str(p.asn)),
                          value(s, "meshbgp_peer_prefixes_accepted", peer=p.ip, family="ipv4"),
                          value(s, "meshbgp_peer_prefixes_advertised", peer=p.ip, family="ipv4"))
        return seen == want, {"seen": seen, "want": want}
    wait_for(check, 20, "per peer (up, accepted, advertised) IPv4 = (1, own prefixes, everyone else's)")


def test_evpn_routes_are_counted_for_their_peer(observe_lab):
    a = observe_lab.peers["a"]
    s = scrape(observe_lab)
    assert value(s, "meshbgp_peer_prefixes_accepted", peer=a.ip, family="evpn") == len(EVPN_ROUTES)
    assert value(s, "meshbgp_peer_prefixes_received_total", peer=a.ip, family="evpn") >= len(EVPN_ROUTES)
    assert value(s, "meshbgp_peer_updates_received_total", peer=a.ip) >= 1


def test_clearing_a_session_moves_notification_and_flap_counters(observe_lab):
    frr = observe_lab.peers["frr"]
    before = scrape(observe_lab)
    # FRR negotiates graceful restart with RFC 8538's N bit, so `clear`
    # sends Cease / Hard Reset (6/9) carrying the Administrative Reset.
    cease_reset = dict(peer=frr.ip, code="6", subcode="9")
    sent_before = value(before, "meshbgp_peer_notifications_sent_total", **cease_reset) or 0
    flaps_before = value(before, "meshbgp_peer_flaps_total", peer=frr.ip)
    assert flaps_before is not None, "no flap counter for an Established peer"

    observe_lab.rs.bgpctl("neighbor", frr.ip, "clear")

    def moved():
        s = scrape(observe_lab)
        got = (value(s, "meshbgp_peer_notifications_sent_total", **cease_reset),
               value(s, "meshbgp_peer_flaps_total", peer=frr.ip))
        return got == (sent_before + 1, flaps_before + 1), got
    wait_for(moved, 20, f"Cease/Hard Reset sent to {frr.ip} counted once, one flap")
    observe_lab.wait_established([frr])
    observe_lab.wait_converged([frr])

    def steady():
        s = scrape(observe_lab)
        got = (value(s, "meshbgp_peer_notifications_sent_total", **cease_reset),
               value(s, "meshbgp_peer_flaps_total", peer=frr.ip),
               value(s, "meshbgp_peer_prefixes_accepted", peer=frr.ip, family="ipv4"))
        return got == (sent_before + 1, flaps_before + 1, len(frr.announced)), got
    wait_for(steady, 20, "counters kept across the new session, FRR's prefixes back")


def test_grafana_dashboard_uses_only_exported_metrics(observe_lab):
    import json
    import re
    from pathlib import Path
    dashboard = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "meshbgp.json"
    used = set(re.findall(r"meshbgp_[a-z_]+", json.dumps([p.get("targets", []) for p in
                                                            json.loads(dashboard.read_text())["panels"]])))
    exported = {name for name, _ in scrape(observe_lab)}
    # Families whose samples come and go (no NOTIFICATION yet) still have their HELP line.
    answer = http_get(observe_lab.rs.node, BASE_URL, "/metrics").text
    exported |= set(re.findall(r"^# TYPE (\S+)", answer, re.M))
    assert used and used <= exported, f"dashboard metrics not exported: {sorted(used - exported)}"
