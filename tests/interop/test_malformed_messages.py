"""The malformed-message conformance matrix (RFC 4271 §6, RFC 7606, RFC
4760, RFC 6608, RFC 7313, RFC 7607): a raw speaker (lab/raw_session.py)
sends the RS one crafted message per case, from a node in the allow
range, and each case asserts the reaction the RFCs require:
  reset     the session is closed with exactly this NOTIFICATION
            (code/subcode, and the data where the RFC specifies it);
  withdraw  treat-as-withdraw: the route the same speaker announced before
            is gone from the RS, the session stays up;
  discard   attribute discard: the route is installed without the bad
            attribute, the session stays up;
  ignore    nothing installed, the session stays up;
  close     a NOTIFICATION from the peer: the RS closes without answering.
Meanwhile real FRR, BIRD and GoBGP clients keep their sessions and every
route (checked at the end, with the RS still running). The last test
writes the matrix to docs/conformance.md."""

from __future__ import annotations

import os
import socket
import struct
from dataclasses import dataclass, field
from typing import Callable

import pytest

from conftest import KEEP
from lab import bgp_messages as m
from lab.observe import Untouched
from lab.bgp_connection import notification_text
from lab.raw_session import RawSession
from lab.route_server import RsSpec, rs_kind
from lab.scenario import RS_ASN, RS_IP, ClientSpec, RsLab, client_address, standard_announcements
from lab.topologies import evpn_group
from lab.wait import wait_for

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="the matrix states meshbgp's reactions")

RAW_INDEX = 31
RAW_IP = client_address(RAW_INDEX)
RAW_AS = 65000 + RAW_INDEX
GOOD = [("frr", "frr", 11), ("gobgp", "gobgp", 12), ("bird", "bird", 13)]
DOC = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "conformance.md")
BOTH = (m.IPV4_UNICAST, m.EVPN)


@pytest.fixture(scope="module")
def lab():
    clients = [ClientSpec(n, k, i, announcements=standard_announcements(k, i)) for n, k, i in GOOD]
    spec = RsSpec(asn=RS_ASN, router_id=RS_IP, listen_ip=RS_IP,
                  # One raw connection per case from one address: more than
                  # the default 60 connects a minute per source.
                  groups=[evpn_group(max_connects_per_minute=0)])
    lab = RsLab("malformed", spec, clients, keep_dir=KEEP,
                probe_nodes={"raw": RAW_IP}).start()
    lab.wait_converged()
    lab.watch = Untouched(list(lab.peers.values()))
    lab.results = {}
    yield lab
    lab.close()


# -- building blocks ----------------------------------------------------------
def pfx(n: int) -> str:
    return f"10.{RAW_INDEX}.{n}.0/24"


def good_attrs() -> bytes:
    return m.base_attrs(RAW_AS, RAW_IP)


def announce(n: int, attrs: bytes | None = None) -> bytes:
    return m.update(good_attrs() if attrs is None else attrs, m.prefix(pfx(n)))


def evpn_reach(*routes: bytes) -> bytes:
    return m.attr(m.MP_REACH, m.mp_reach(m.EVPN, socket.inet_aton(RAW_IP), b"".join(routes)))


EVPN_GOOD = m.evpn_multicast_route(RAW_INDEX, 100, RAW_IP)
# Type 3 whose IP length says 24 bits inside an intact 17-octet route.
EVPN_BAD_INSIDE = EVPN_GOOD[:14] + bytes([24]) + EVPN_GOOD[15:]
# A route length running past the end of the field.
EVPN_OVERRUN = bytes([3, 40]) + EVPN_GOOD[2:]


def evpn_update(*routes: bytes) -> bytes:
    return m.update(m.attr(m.ORIGIN, b"\x00") + m.attr(m.AS_PATH, m.as_path(RAW_AS)) + evpn_reach(*routes))


@dataclass
class Case:
    name: str
    kind: str                        # reset | withdraw | discard | ignore | close
    send: Callable[[], bytes]        # the offending bytes
    rfc: str
    code: tuple | None = None        # reset: (code, subcode) or (code, subcode, data)
    stage: str = "established"       # open: sent instead of our OPEN; openconfirm: after the OPENs
    families: tuple = (m.IPV4_UNICAST,)
    prefix: int = 0                  # withdraw/discard: the route it is about
    evpn: bool = False               # withdraw: the route is the EVPN one
    check: Callable[[dict], str] | None = None  # discard: "" if the installed route is right
    expect: str = ""

    def expected(self) -> str:
        if self.expect:
            return self.expect
        if self.kind == "reset":
            c = self.code
            return f"NOTIFICATION {c[0]}/{c[1]}" + (f" data {c[2].hex()}" if len(c) > 2 and c[2] else "")
        return {"withdraw": "treat-as-withdraw, session up", "ignore": "ignored, session up",
                "close": "session closed, no NOTIFICATION back"}[self.kind]


def without(key: str, what: str):
    return lambda r: "" if not r.get(key) else f"{what} still present: {r.get(key)}"


def unknown_partial(r: dict) -> str:
    u = [a for a in r.get("unknown", []) if a.get("type") == 99]
    if not u:
        return f"attribute 99 not kept: {r.get('unknown')}"
    return "" if int(str(u[0].get("flags", 0)), 0) & m.PARTIAL else f"Partial bit not set: {u[0]}"


def med_is(v: int):
    return lambda r: "" if r.get("med") == v else f"MED {r.get('med')}, want {v} (the first occurrence)"


def as_path_is(text: str):
    return lambda r: "" if str(r.get("as_path")) == text else f"AS_PATH {r.get('as_path')!r}, want {text!r}"


NH_ATTR = m.attr(m.NEXT_HOP, socket.inet_aton(RAW_IP))
ORIGIN_ATTR = m.attr(m.ORIGIN, b"\x00")
PATH_ATTR = m.attr(m.AS_PATH, m.as_path(RAW_AS))
BAD_NH_MP = m.attr(m.MP_REACH, m.mp_reach(m.IPV4_UNICAST, b"\x0a\x00\x00\x1f\x00", m.prefix(pfx(40))))
GOOD_MP = m.attr(m.MP_REACH, m.mp_reach(m.IPV4_UNICAST, socket.inet_aton(RAW_IP), m.prefix(pfx(41))))
UNKNOWN_WELL_KNOWN = m.attr(99, b"\x01\x02", flags=m.WELL_KNOWN)
EVPN_OVERRUN_ATTR = evpn_reach(EVPN_OVERRUN)
SHORT_UNREACH = m.attr(m.MP_UNREACH, b"\x00\x01")
BAD_REFRESH = m.message(m.ROUTE_REFRESH, b"\x00\x01\x00\x01\x00")

CASES = [
    # -- message header (RFC 4271 §6.1) ----------------------------------------
    Case("bad marker", "reset", lambda: m.message(m.KEEPALIVE, marker=b"\xff" * 15 + b"\x00"), "4271 §6.1",
         (1, 1)),
    Case("length below 19", "reset", lambda: m.message(m.KEEPALIVE, length=18), "4271 §6.1", (1, 2, b"\x00\x12")),
    Case("KEEPALIVE of length 20", "reset", lambda: m.message(m.KEEPALIVE, b"\x00"), "4271 §6.1",
         (1, 2, b"\x00\x14")),
    Case("UPDATE shorter than 23", "reset", lambda: m.message(m.UPDATE, b"\x00\x00\x00"), "4271 §6.1",
         (1, 2, b"\x00\x16")),
    Case("NOTIFICATION shorter than 21", "reset", lambda: m.message(m.NOTIFICATION, b"\x06"), "4271 §6.1",
         (1, 2, b"\x00\x14")),
    Case("UPDATE of 4097 octets, no extended messages", "reset", lambda: m.message(m.UPDATE, bytes(4078)),
         "4271 §6.1, 8654", (1, 2, b"\x10\x01")),
    Case("OPEN shorter than 29", "reset", lambda: m.message(m.OPEN, bytes([4, 0xfe, 0x07, 0, 90, 10, 0, 0, 31])),
         "4271 §6.1", (1, 2, b"\x00\x1c"), stage="open"),
    Case("unknown message type 7 after Established", "reset", lambda: m.message(7), "4271 §6.1",
         (1, 3, b"\x07")),
    Case("message type 0", "reset", lambda: m.message(0), "4271 §6.1", (1, 3, b"\x00")),
    Case("message type 255 after Established", "reset", lambda: m.message(255, b"\x00" * 8), "4271 §6.1",
         (1, 3, b"\xff")),
    # -- OPEN (RFC 4271 §6.2) ----------------------------------------------------
    Case("OPEN version 3", "reset", lambda: m.open_message(RAW_AS, RAW_IP, version=3), "4271 §6.2",
         (2, 1, b"\x00\x04"), stage="open"),
    Case("OPEN My AS 0", "reset", lambda: m.open_message(RAW_AS, RAW_IP, my_as=0, params=b""), "7607",
         (2, 2), stage="open"),
    Case("OPEN 4-octet AS capability with AS 0", "reset",
         lambda: m.open_message(0, RAW_IP, my_as=RAW_AS), "7607", (2, 2), stage="open"),
    Case("OPEN AS outside the group's peer_as", "reset", lambda: m.open_message(64999, RAW_IP), "4271 §6.2",
         (2, 2), stage="open"),
    Case("OPEN hold time 1", "reset", lambda: m.open_message(RAW_AS, RAW_IP, hold_time=1), "4271 §6.2",
         (2, 6), stage="open"),
    Case("OPEN hold time 2", "reset", lambda: m.open_message(RAW_AS, RAW_IP, hold_time=2), "4271 §6.2",
         (2, 6), stage="open"),
    Case("OPEN BGP Identifier 0.0.0.0", "reset", lambda: m.open_message(RAW_AS, "0.0.0.0"), "4271 §6.2, 6286",
         (2, 3), stage="open"),
    Case("OPEN unsupported optional parameter (type 1)", "reset",
         lambda: m.open_message(RAW_AS, RAW_IP, my_as=RAW_AS, params=bytes([1, 2, 0, 0])), "4271 §6.2",
         (2, 4), stage="open"),
    Case("OPEN optional parameters overrun the message", "reset",
         lambda: m.message(m.OPEN, m.open_body(RAW_AS, RAW_IP)[:9] + bytes([40]) + m.capabilities(RAW_AS)),
         "4271 §6.2", (2, 0), stage="open"),
    Case("OPEN 4-octet AS capability of length 2", "reset",
         lambda: m.open_message(RAW_AS, RAW_IP, my_as=RAW_AS, params=bytes([2, 4, 65, 2, 0xfe, 0x07])),
         "5492, 4271 §6.2", (2, 0), stage="open"),
    Case("KEEPALIVE before OPEN", "reset", lambda: m.keepalive(), "4271 §8, 6608", (5, 1), stage="open"),
    Case("UPDATE in OpenConfirm", "reset", lambda: announce(1), "4271 §8, 6608", (5, 2), stage="openconfirm"),
    Case("second OPEN in OpenConfirm", "reset", lambda: m.open_message(RAW_AS, RAW_IP), "4271 §8, 6608", (5, 2),
         stage="openconfirm"),
    # -- UPDATE errors that reset the session -------------------------------------
    Case("Withdrawn Routes Length overruns", "reset", lambda: m.update(withdrawn_len=200), "4271 §6.3",
         (3, 1)),
    Case("Total Path Attribute Length overruns", "reset",
         lambda: m.update(good_attrs(), m.prefix(pfx(2)), attrs_len=len(good_attrs()) + 40), "4271 §6.3", (3, 1)),
    Case("NLRI prefix length 33", "reset", lambda: m.update(good_attrs(), bytes([33, 10, 31, 3, 0, 1])),
         "4271 §6.3, 7606 §5.3", (3, 10)),
    Case("NLRI truncated inside a prefix", "reset", lambda: m.update(good_attrs(), bytes([24, 10, 31])),
         "4271 §6.3, 7606 §5.3", (3, 10)),
    Case("Withdrawn Routes truncated inside a prefix", "reset", lambda: m.update(withdrawn=bytes([24, 10])),
         "4271 §6.3, 7606 §5.3", (3, 10)),
    Case("MP_REACH_NLRI twice", "reset",
         lambda: m.update(ORIGIN_ATTR + PATH_ATTR + GOOD_MP * 2),
         "7606 §3 g", (3, 1)),
    Case("MP_REACH IPv4 next hop of length 5", "reset", lambda: m.update(ORIGIN_ATTR + PATH_ATTR + BAD_NH_MP),
         "4760 §7, 7606 §7.11", (3, 9, BAD_NH_MP)),
    Case("MP_UNREACH shorter than AFI+SAFI", "reset", lambda: m.update(SHORT_UNREACH), "4760 §7, 7606 §7.11",
         (3, 9, SHORT_UNREACH)),
    Case("unrecognized well-known attribute", "reset",
         lambda: m.update(good_attrs() + UNKNOWN_WELL_KNOWN, m.prefix(pfx(3))), "4271 §6.3",
         (3, 2, UNKNOWN_WELL_KNOWN)),
    Case("EVPN NLRI length overruns MP_REACH", "reset", lambda: evpn_update(EVPN_OVERRUN), "7432, 7606 §5.3",
         (3, 9, EVPN_OVERRUN_ATTR), families=BOTH),
    Case("ROUTE-REFRESH of length 24", "reset", lambda: BAD_REFRESH, "7313 §5", (7, 1, BAD_REFRESH)),
    # -- treat-as-withdraw (RFC 7606) ----------------------------------------------
    Case("ORIGIN value 3", "withdraw",
         lambda: announce(10, m.base_attrs(RAW_AS, RAW_IP, origin=m.attr(m.ORIGIN, b"\x03"))), "7606 §7.1",
         prefix=10),
    Case("ORIGIN of length 2", "withdraw",
         lambda: announce(11, m.base_attrs(RAW_AS, RAW_IP, origin=m.attr(m.ORIGIN, b"\x00\x00"))), "7606 §7.1",
         prefix=11),
    Case("ORIGIN with the Optional bit", "withdraw",
         lambda: announce(12, m.base_attrs(RAW_AS, RAW_IP, origin=m.attr(m.ORIGIN, b"\x00", flags=m.OPT_TRANS))),
         "7606 §3 c", prefix=12),
    Case("AS_PATH segment type 5", "withdraw",
         lambda: announce(13, m.base_attrs(RAW_AS, RAW_IP, path=m.attr(m.AS_PATH, m.as_path(RAW_AS, seg_type=5)))),
         "7606 §7.2", prefix=13),
    Case("AS_PATH segment overruns the attribute", "withdraw",
         lambda: announce(14, m.base_attrs(RAW_AS, RAW_IP, path=m.attr(m.AS_PATH, bytes([2, 3]) +
                                                                         struct.pack("!I", RAW_AS)))),
         "7606 §7.2", prefix=14),
    Case("AS_PATH one octet after the last segment", "withdraw",
         lambda: announce(15, m.base_attrs(RAW_AS, RAW_IP, path=m.attr(m.AS_PATH, m.as_path(RAW_AS) + b"\x02"))),
         "7606 §7.2", prefix=15),
    Case("AS_PATH segment of length 0", "withdraw",
         lambda: announce(16, m.base_attrs(RAW_AS, RAW_IP, path=m.attr(m.AS_PATH, m.as_path(RAW_AS) + b"\x02\x00"))),
         "7606 §7.2", prefix=16),
    Case("NEXT_HOP of length 5", "withdraw",
         lambda: announce(17, m.base_attrs(RAW_AS, RAW_IP, nh=m.attr(m.NEXT_HOP, socket.inet_aton(RAW_IP) + b"\0"))),
         "7606 §7.3", prefix=17),
    Case("NEXT_HOP missing", "withdraw", lambda: announce(18, ORIGIN_ATTR + PATH_ATTR), "7606 §3 d", prefix=18),
    Case("ORIGIN missing", "withdraw", lambda: announce(19, PATH_ATTR + NH_ATTR), "7606 §3 d", prefix=19),
    Case("AS_PATH missing", "withdraw", lambda: announce(20, ORIGIN_ATTR + NH_ATTR), "7606 §3 d", prefix=20),
    Case("MED of length 3", "withdraw", lambda: announce(21, good_attrs() + m.attr(m.MED, b"\x00\x00\x01")),
         "7606 §7.4", prefix=21),
    Case("COMMUNITIES of length 6", "withdraw",
         lambda: announce(22, good_attrs() + m.attr(m.COMMUNITIES, b"\xfe\x07\x00\x01\x00\x02")), "7606 §7.8",
         prefix=22),
    Case("EXTENDED COMMUNITIES of length 12", "withdraw",
         lambda: announce(23, good_attrs() + m.attr(m.EXT_COMMUNITIES, bytes(12))), "7606 §7.14", prefix=23),
    Case("LARGE_COMMUNITY of length 10", "withdraw",
         lambda: announce(24, good_attrs() + m.attr(m.LARGE_COMMUNITIES, bytes(10))), "8092 §6", prefix=24),
    Case("attribute overruns the attribute block", "withdraw",
         lambda: announce(25, good_attrs() + m.attr(m.COMMUNITIES, b"\xfe\x07\x00\x01", length=40)), "7606 §4",
         prefix=25),
    Case("EVPN route malformed inside intact framing", "withdraw",
         lambda: evpn_update(EVPN_GOOD, EVPN_BAD_INSIDE), "7432, 7606 §5.3", families=BOTH, evpn=True),
    # -- attribute discard (RFC 7606) ---------------------------------------------
    Case("ATOMIC_AGGREGATE of length 1", "discard",
         lambda: announce(30, good_attrs() + m.attr(m.ATOMIC_AGGREGATE, b"\x01")), "7606 §7.6", prefix=30,
         check=without("atomic_aggregate", "ATOMIC_AGGREGATE"), expect="route kept, ATOMIC_AGGREGATE discarded"),
    Case("AGGREGATOR of length 5", "discard",
         lambda: announce(31, good_attrs() + m.attr(m.AGGREGATOR, bytes(5))), "7606 §7.7", prefix=31,
         check=without("aggregator", "AGGREGATOR"), expect="route kept, AGGREGATOR discarded"),
    Case("LOCAL_PREF from an external peer", "discard",
         lambda: announce(32, good_attrs() + m.attr(m.LOCAL_PREF, struct.pack("!I", 500))), "7606 §7.5", prefix=32,
         check=without("local_pref", "LOCAL_PREF"), expect="route kept, LOCAL_PREF discarded"),
    Case("MED twice", "discard",
         lambda: announce(33, good_attrs() + m.attr(m.MED, struct.pack("!I", 10)) +
                          m.attr(m.MED, struct.pack("!I", 20))), "7606 §3 g", prefix=33,
         check=med_is(10), expect="route kept with the first MED"),
    Case("AS4_PATH from a 4-octet speaker", "discard",
         lambda: announce(34, good_attrs() + m.attr(m.AS4_PATH, m.as_path(64512, RAW_AS), flags=m.OPT_TRANS)),
         "6793 §4.1", prefix=34, check=as_path_is(str(RAW_AS)), expect="route kept, AS4_PATH discarded"),
    Case("unknown optional transitive attribute", "discard",
         lambda: announce(35, good_attrs() + m.attr(99, b"\x01\x02\x03", flags=m.OPT_TRANS)), "4271 §5",
         prefix=35, check=unknown_partial, expect="route kept, attribute kept with Partial set"),
    Case("unknown optional non-transitive attribute", "discard",
         lambda: announce(36, good_attrs() + m.attr(99, b"\x01\x02\x03", flags=m.OPTIONAL)), "4271 §5",
         prefix=36, check=lambda r: "" if not [a for a in r.get("unknown", []) if a.get("type") == 99]
         else "attribute 99 kept", expect="route kept, attribute dropped"),
    # -- ignored ----------------------------------------------------------------
    Case("MP_REACH for an AFI/SAFI not negotiated (1/128)", "ignore",
         lambda: m.update(ORIGIN_ATTR + PATH_ATTR + m.attr(m.MP_REACH, m.mp_reach((1, 128), bytes(12), bytes(8)))),
         "4760 §6"),
    Case("EVPN routes when EVPN was not negotiated", "ignore", lambda: evpn_update(EVPN_GOOD), "4760 §6"),
    Case("ROUTE-REFRESH with an unknown subtype", "ignore", lambda: m.message(m.ROUTE_REFRESH, b"\x00\x01\x05\x01"),
         "7313 §5"),
    # -- NOTIFICATIONs from the peer --------------------------------------------------
    Case("NOTIFICATION Cease with a shutdown communication", "close",
         lambda: m.notification(6, 2, b"\x04test"), "4271 §6.4, 9003"),
    Case("NOTIFICATION with an unknown code", "close", lambda: m.notification(99, 7, b"\x01\x02"), "4271 §6.4"),
]


# -- running a case -----------------------------------------------------------------
def rs_routes(lab) -> list[dict]:
    doc = lab.rs.bgpctl_json("show", "rib", "ipv4", "neighbor", RAW_IP)
    return [r for r in doc.get("routes", []) if r.get("neighbor") == RAW_IP]


def held(lab) -> int:
    """Paths of the raw speaker in the RS's RIB, every family (bgpctl serves
    `show rib` for IPv4 only; the summary counts EVPN too)."""
    return (lab.rs.summary().get(RAW_IP) or {}).get("prefixes", 0)


def route_of(lab, prefix: str) -> dict | None:
    return next((r for r in rs_routes(lab) if r.get("prefix") == prefix), None)


def wait_route(lab, prefix: str, present: bool, what: str) -> None:
    wait_for(lambda: ((route_of(lab, prefix) is not None) == present, rs_routes(lab)), 15,
             f"{prefix} {'in' if present else 'gone from'} the RS's table ({what})")


def wait_raw_gone(lab) -> None:
    """Until the RS lists no session with the raw speaker, so the next case
    starts a fresh one."""
    def check():
        s = lab.rs.summary().get(RAW_IP)
        return s is None or s["state"] != "Established", s
    wait_for(check, 20, "the RS to drop the raw speaker's previous session")


def run_case(lab, case: Case) -> str:
    raw = RawSession(lab.probe_nodes["raw"].ns, RS_IP, RAW_AS, RAW_IP)
    try:
        bad = case.send()
        if case.stage == "open":
            raw.send(bad)
        elif case.stage == "openconfirm":
            raw.start_open(families=case.families)
            raw.send(bad)
        else:
            raw.establish(families=case.families)
            if case.kind == "withdraw":
                if case.evpn:
                    raw.send(evpn_update(EVPN_GOOD))
                    wait_for(lambda: (held(lab) == 1, lab.rs.summary()), 15,
                             "the raw speaker's EVPN route in the RS's table")
                else:
                    raw.send(announce(case.prefix))
                    wait_route(lab, pfx(case.prefix), True, "before the malformed UPDATE")
            raw.send(bad)
        return observe(lab, case, raw)
    finally:
        raw.close()
        wait_raw_gone(lab)


def observe(lab, case: Case, raw: RawSession) -> str:
    if case.kind in ("reset", "close"):
        assert raw.wait_closed(20), f"the RS did not close the session; it sent types {raw.types()}"
        n = raw.notification
        if case.kind == "close":
            assert n is None, f"the RS answered a NOTIFICATION with {notification_text(n)}"
            return "session closed, no NOTIFICATION back"
        assert n is not None, f"closed without NOTIFICATION; the RS sent types {raw.types()}"
        want = case.code
        got = (n[0], n[1]) if len(want) == 2 else n
        assert got == want, f"NOTIFICATION {notification_text(n)}, want {case.expected()}"
        return f"NOTIFICATION {notification_text(n)}"
    if case.kind == "withdraw":
        if case.evpn:
            wait_for(lambda: (held(lab) == 0, lab.rs.summary()), 15,
                     "the EVPN route withdrawn (treat-as-withdraw)")
        else:
            wait_route(lab, pfx(case.prefix), False, "treat-as-withdraw")
        assert raw.still_up(1.0), f"session reset: {notification_text(raw.notification)}"
        return "treat-as-withdraw, session up"
    if case.kind == "discard":
        wait_route(lab, pfx(case.prefix), True, "attribute discard keeps the route")
        wrong = case.check(route_of(lab, pfx(case.prefix)))
        assert not wrong, wrong
        assert raw.still_up(1.0), f"session reset: {notification_text(raw.notification)}"
        return case.expected() + ", session up"
    assert case.kind == "ignore"
    assert raw.still_up(2.0), f"session reset: {notification_text(raw.notification)}"
    assert held(lab) == 0, f"routes installed: {lab.rs.summary().get(RAW_IP)}"
    return "ignored, session up"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_malformed_message(lab, case):
    lab.results[case.name] = (case, "failed: see the test report")
    observed = run_case(lab, case)
    lab.check_rs_alive()
    lab.results[case.name] = (case, observed)


def test_matrix_has_30_cases_or_more():
    assert len(CASES) >= 30


def test_other_clients_kept_sessions_and_routes(lab):
    """After every case: the RS still runs, the real clients never lost their
    session and were withdrawn nothing but the raw speaker's prefixes, and
    each holds exactly the other clients' routes again."""
    lab.check_rs_alive()
    lab.watch.check([pfx(n) for n in range(0, 256)])
    lab.wait_converged(list(lab.peers.values()))
    write_doc(lab.results)


def write_doc(results: dict) -> None:
    rows = []
    for case in CASES:
        _, observed = results.get(case.name, (case, "not run"))
        sent = case.send().hex()
        shown = sent if len(sent) <= 96 else f"{sent[:96]}… ({len(sent) // 2} octets)"
        rows.append(f"| {case.name} | RFC {case.rfc} | `{shown}` | {case.expected()} | {observed} |")
    text = "\n".join([
        "# Malformed-message conformance matrix",
        "",
        "Generated by `tests/interop/test_malformed_messages.py` (do not edit): a raw",
        "speaker sends the route server one crafted message per row, after the",
        "OPEN exchange unless the row is about OPEN, while real FRR, BIRD and",
        "GoBGP clients stay connected; at the end they still have every session",
        "and route. *Bytes sent* is the whole offending message in hex (marker",
        "included). NOTIFICATION data is shown only where the RFC specifies it.",
        "Reactions: a NOTIFICATION closes the session (RFC 4271 §6); treat-as-withdraw",
        "removes the UPDATE's routes and keeps the session (RFC 7606 §2); attribute",
        "discard installs the route without the attribute.",
        "",
        f"{len(CASES)} cases.",
        "",
        "| case | RFC | bytes sent | expected | observed |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ])
    with open(DOC, "w") as f:
        f.write(text)
