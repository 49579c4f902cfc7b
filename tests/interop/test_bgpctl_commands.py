"""bgpctl's commands against the relay lab (read-only: nothing here changes
a session), each answer compared with what the clients themselves report:
  - `show neighbor ADDR` (text and -j) for the FRR client: hold time,
    keepalive, families and capabilities as FRR negotiated them;
  - `show rib PREFIX|ADDRESS`, `show rib neighbor ADDR in` (the client's
    routes as it sent them) and `out` (what the RS sends it: everyone
    else's routes, exactly as FRR received them), text and -j;
  - the ways to name the socket (-s, --socket, -sPATH, $MESHBGP_SOCKET);
  - a bad command line exits 2 with a usage hint, an unknown neighbor or a
    socket nobody answers on exits 1 with a plain message.
meshbgp only (under RS=bird, birdc is the CLI)."""

import json
import os
import re
import subprocess

import pytest

from lab.route_server import meshbgp_bgpctl, normalize_meshbgp_rib, normalize_meshbgp_summary


@pytest.fixture(scope="module")
def lab(relay_lab):
    if relay_lab.kind != "meshbgp":
        pytest.skip("bgpctl is meshbgp's CLI (RS=bird has birdc)")
    relay_lab.wait_converged()  # once: nothing in this module changes a session
    return relay_lab


def bgpctl(*args, env=None):
    return subprocess.run([meshbgp_bgpctl(), *args], capture_output=True, text=True, timeout=30,
                          env={**os.environ, **(env or {})})


def as_held(lab, peer):
    """{prefix: [path]}: the peer's routes as the RS must hold them (as sent)."""
    return {a.prefix: [{"peer": peer.ip, "best": True, "route": peer.originated(a).as_received(peer.ip, peer.asn)}]
            for a in peer.announced.values()}


def frr_negotiated(frr):
    """What FRR says both sides announced: {capability: bool} in bgpctl's names."""
    n = frr.neighbor()
    caps = n["neighborCapabilities"]

    def both(key):
        return str(caps.get(key, "")).startswith("advertisedAndReceived")
    return n, {"four_octet_as": both("4byteAs"), "route_refresh": both("routeRefresh"),
               "enhanced_route_refresh": both("enhancedRouteRefresh"), "extended_message": both("extendedMessage")}


# -- show neighbor ------------------------------------------------------------------------
def test_show_neighbor_json_agrees_with_frr(lab):
    frr = lab.peers["frr"]
    doc = lab.rs.bgpctl_json("show", "neighbor", frr.ip)
    assert len(doc["neighbors"]) == 1, doc
    me = doc["neighbors"][0]
    n, caps = frr_negotiated(frr)
    seen = {k: me.get(k) for k in ("address", "asn", "state", "router_id", "local_address", "hold_time", "keepalive",
                                   "families")}
    want = {"address": frr.ip, "asn": frr.asn, "state": "Established", "router_id": n["localRouterId"],
            "local_address": n["hostForeign"], "hold_time": n["bgpTimerHoldTimeMsecs"] // 1000,
            "keepalive": n["bgpTimerKeepAliveIntervalMsecs"] // 1000,
            "families": ["ipv4"] if n["neighborCapabilities"]["multiprotocolExtensions"]["ipv4Unicast"].get(
                "advertisedAndReceived") else []}
    assert seen == want
    assert {k: me["capabilities"].get(k) for k in caps} == caps, me["capabilities"]


def test_show_neighbor_capabilities_are_those_both_sides_announced(lab):
    frr = lab.peers["frr"]
    caps = frr.neighbor()["neighborCapabilities"]
    add_path = caps.get("addPath", {}).get("ipv4Unicast", {})
    # FRR 8.4 names it "gracefulRestart" (older releases had other spellings).
    gr = [v for k, v in caps.items() if k.lower().startswith("gracefulrestart") and isinstance(v, str)]
    want = {"graceful_restart": any(v.startswith("advertisedAndReceived") for v in gr),
            "add_path": any(add_path.get(k) for k in ("rxAdvertisedAndReceived", "txAdvertisedAndReceived"))}
    got = lab.rs.bgpctl_json("show", "neighbor", frr.ip)["neighbors"][0]["capabilities"]
    assert {k: got.get(k) for k in want} == want


def test_show_neighbor_text_agrees_with_frr(lab):
    frr = lab.peers["frr"]
    text = lab.rs.bgpctl("show", "neighbor", frr.ip)
    n, caps = frr_negotiated(frr)
    hold, keepalive = n["bgpTimerHoldTimeMsecs"] // 1000, n["bgpTimerKeepAliveIntervalMsecs"] // 1000
    for line in (f"BGP neighbor is {frr.ip}, remote AS {frr.asn}", "BGP state Established, up for ",
                 f"Hold time {hold} s, keepalive {keepalive} s", "Families: ipv4"):
        assert line in text, f"{line!r} missing in:\n{text}"
    shown = re.search(r"Capabilities: (.*)", text).group(1).split(", ")
    names = {"four_octet_as": "4-octet AS", "route_refresh": "route refresh",
             "enhanced_route_refresh": "enhanced route refresh", "extended_message": "extended message"}
    assert {k: names[k] in shown for k in caps} == caps, text
    assert lab.rs.bgpctl("show", "neighbor").count("BGP neighbor is ") >= len(lab.live_peers())


def test_show_neighbor_counts_what_the_client_was_sent(lab):
    frr = lab.peers["frr"]
    held = len(frr.routes())
    me = lab.rs.bgpctl_json("show", "neighbor", frr.ip)["neighbors"][0]
    assert me["prefixes"]["ipv4"].get("advertised") == held, me["prefixes"]


# -- show rib ---------------------------------------------------------------------------------
def test_show_rib_prefix_and_address_json(lab):
    gobgp = lab.peers["gobgp"]
    prefix = next(iter(gobgp.announced))
    want = {prefix: as_held(lab, gobgp)[prefix]}
    assert normalize_meshbgp_rib(lab.rs.bgpctl_json("show", "rib", prefix)) == want
    inside = prefix.replace(".0/24", ".77")  # an address in it: the longest match
    assert normalize_meshbgp_rib(lab.rs.bgpctl_json("show", "rib", inside)) == want


def test_show_rib_prefix_text(lab):
    gobgp = lab.peers["gobgp"]
    prefix = next(iter(gobgp.announced))
    text = lab.rs.bgpctl("show", "rib", prefix)
    rows = [line.split() for line in text.splitlines() if prefix in line.split()]
    assert len(rows) == 1 and gobgp.ip in rows[0] and rows[0][0].startswith("*"), text
    assert str(gobgp.asn) in rows[0], text


def test_show_rib_neighbor_in_is_what_the_client_sent(lab):
    frr = lab.peers["frr"]
    want = as_held(lab, frr)
    got = normalize_meshbgp_rib(lab.rs.bgpctl_json("show", "rib", "neighbor", frr.ip, "in"))
    assert got == want
    text = lab.rs.bgpctl("show", "rib", "neighbor", frr.ip, "in")
    shown = {line.split()[1] for line in text.splitlines() if line.startswith("*")}
    assert shown == set(frr.announced), text


def test_show_rib_neighbor_out_is_what_the_client_received(lab):
    """The RS's Adj-RIB-Out for FRR, route by route, equals FRR's own table
    of routes from the RS: everyone else's routes, none of FRR's own."""
    frr = lab.peers["frr"]
    received = frr.routes()
    out = normalize_meshbgp_rib(lab.rs.bgpctl_json("show", "rib", "neighbor", frr.ip, "out"))
    assert not set(out) & set(frr.announced), f"the RS would send FRR its own prefixes: {sorted(out)}"
    assert all(len(paths) == 1 for paths in out.values()), out
    assert {prefix: paths[0]["route"] for prefix, paths in out.items()} == received
    text = lab.rs.bgpctl("show", "rib", "neighbor", frr.ip, "out")
    shown = [line.split()[1] for line in text.splitlines() if line.startswith("*")]
    assert sorted(shown) == sorted(received), text


# -- socket, errors -------------------------------------------------------------------------
def test_every_way_to_name_the_socket(lab):
    sock = lab.rs.sock
    want = lab.rs.summary()
    for args, env in ((["-s", sock], None), (["--socket", sock], None), ([f"-s{sock}"], None),
                      ([], {"MESHBGP_SOCKET": sock})):
        r = bgpctl(*args, "-j", "show", "summary", env=env)
        assert r.returncode == 0, (args, env, r.stderr)
        got = normalize_meshbgp_summary(json.loads(r.stdout))
        assert {ip: e["state"] for ip, e in got.items()} == {ip: e["state"] for ip, e in want.items()}, (args, env)


@pytest.mark.parametrize("args,complaint", [
    (["show", "bogus"], "unknown show command 'bogus'"),
    (["neighbor"], "neighbor: missing address"),
    (["neighbor", "10.0.1.11", "reboot"], "unknown neighbor action 'reboot'"),
    (["show", "rib", "limit", "x"], "show rib limit: expected a number"),
    (["-x", "show"], "unknown option '-x'"),
])
def test_bad_command_line_exits_2_with_usage_hint(lab, args, complaint):
    r = bgpctl("-s", lab.rs.sock, *args)
    assert r.returncode == 2 and complaint in r.stderr and "usage" in r.stderr, (r.returncode, r.stderr)
    assert r.stdout == ""


def test_help_prints_usage(lab):
    r = bgpctl("help")
    assert r.returncode == 0 and r.stdout.startswith("usage: bgpctl") and "neighbor ADDRESS clear|down|up" in r.stdout


def test_unknown_neighbor_exits_1_with_the_daemons_reason(lab):
    r = bgpctl("-s", lab.rs.sock, "show", "neighbor", "10.9.9.9")
    assert r.returncode == 1 and "no neighbor 10.9.9.9" in r.stderr, (r.returncode, r.stderr)


def test_no_daemon_on_the_socket_exits_1_plainly(lab, tmp_path):
    missing = str(tmp_path / "bgpd.sock")
    r = bgpctl("-s", missing, "show", "summary")
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert f"cannot connect to {missing}" in r.stderr and "is bgpd running?" in r.stderr, r.stderr
