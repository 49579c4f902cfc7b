"""What the route server itself reports: `bgpctl -j show summary` lists
every client Established with its prefix count, `bgpctl -j show rib` holds
every client's routes as received. Under RS=bird the same checks read
birdc (lab.route_server normalizes both); the text-output tests are
meshbgp-only."""

import pytest

from lab.wait import wait_equal


def expected_summary(lab):
    return {p.ip: {"state": "Established", "asn": p.asn, "prefixes": len(p.announced)}
            for p in lab.live_peers()}


def expected_rib(lab):
    """The RS's RIB holds each client's route as that client sent it."""
    want = {}
    for p in lab.live_peers():
        for a in p.announced.values():
            want[a.prefix] = [{"peer": p.ip, "best": True, "route": p.originated(a).as_received(p.ip, p.asn)}]
    return want


def test_summary_lists_every_client_established_with_prefix_counts(relay_lab):
    want = expected_summary(relay_lab)

    def live_entries():
        return {ip: e for ip, e in relay_lab.rs.summary().items() if ip in want}
    wait_equal(live_entries, want, 20, f"{relay_lab.kind} RS summary: every live client Established "
                                       f"with its prefix count")


def test_rib_holds_every_clients_routes_as_received(relay_lab):
    wait_equal(relay_lab.rs.rib, expected_rib(relay_lab), 20,
               f"{relay_lab.kind} RS RIB: each client's routes, from that client, attributes as sent")


@pytest.fixture
def meshbgp_lab(relay_lab):
    if relay_lab.kind != "meshbgp":
        pytest.skip("bgpctl text output is meshbgp's own (RS=bird has birdc)")
    return relay_lab


def _summary_lines(lab):
    """{client address: [its lines]} of `bgpctl show summary` (text)."""
    text = lab.rs.bgpctl("show", "summary")
    lines = {p.ip: [] for p in lab.live_peers()}
    for line in text.splitlines():
        fields = line.split()
        if fields and fields[0] in lines:
            lines[fields[0]].append(line)
    return text, lines


def test_bgpctl_show_summary_text_has_one_line_per_client(meshbgp_lab):
    text, lines = _summary_lines(meshbgp_lab)
    wrong = {ip: ls for ip, ls in lines.items() if len(ls) != 1}
    assert not wrong, f"one line per neighbor expected, got:\n{text}"


def test_bgpctl_show_summary_text_shows_each_clients_current_prefix_count(meshbgp_lab):
    """State/PrfRcvd of an Established neighbor is the number of its prefixes
    held now (OpenBGPD's meaning), not a count of announcements received."""
    text, lines = _summary_lines(meshbgp_lab)
    for p in meshbgp_lab.live_peers():
        up = [line.split() for line in lines[p.ip] if line.split()[-1].isdigit()]
        assert up, f"{p!r} has no Established line in:\n{text}"
        assert up[0][1] == str(p.asn) and up[0][-1] == str(len(p.announced)), \
            f"{p!r}: expected AS {p.asn} and {len(p.announced)} prefixes in {' '.join(up[0])!r} of:\n{text}"


def test_bgpctl_show_rib_text_lists_every_prefix_with_its_next_hop(meshbgp_lab):
    text = meshbgp_lab.rs.bgpctl("show", "rib")
    for p in meshbgp_lab.live_peers():
        for prefix in p.announced:
            lines = [line for line in text.splitlines() if prefix in line.split()]
            assert lines and p.ip in lines[0].split(), f"{prefix} via {p.ip} missing in:\n{text}"
