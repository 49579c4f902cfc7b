"""Sessions the RS must refuse, each seen from the refused client, while
the good clients keep their sessions and routes:
  - an AS outside the group's peer_as: NOTIFICATION OPEN Message Error /
    Bad Peer AS (2/2);
  - a source outside every allow range (and no neighbor entry): closed
    before OPEN, the client never receives an OPEN;
  - more prefixes than max_prefixes: Cease / Maximum Number of Prefixes
    Reached (6/1) to that client only."""

import re

from lab.topologies import MAX_PREFIXES
from lab.wait import wait_for

GOOD = ["gobgp", "exabgp"]
# FRR's FSM log line when the peer closes the TCP connection after our OPEN
# and before sending its own (debug bgp neighbor-events).
CLOSED_IN_OPENSENT = re.compile(r"10\.0\.0\.1 \[FSM\] TCP_connection_closed \(OpenSent->Active\)")


def good_peers(lab):
    return [lab.peers[n] for n in GOOD]


def wait_notification(frr, code_subcode: str, what: str, timeout: float = 30):
    """Until FRR's last received NOTIFICATION is code_subcode ("0202")."""
    def check():
        n = frr.neighbor()
        seen = {k: n.get(k) for k in ("bgpState", "lastErrorCodeSubcode", "lastNotificationReason",
                                      "lastResetDueTo", "connectionsEstablished")}
        return n.get("lastErrorCodeSubcode") == code_subcode, seen
    return wait_for(check, timeout, f"{frr!r} to receive NOTIFICATION {code_subcode} ({what})")


def assert_good_clients_untouched(lab):
    """Good clients: routes exactly each other's (nothing of the refused
    clients), sessions up, no NOTIFICATION ever exchanged with the RS."""
    lab.wait_converged(good_peers(lab))
    gobgp = lab.peers["gobgp"]
    assert gobgp.session_state() == "Established"
    messages = gobgp.neighbor()["state"]["messages"]
    assert messages["received"].get("notification", 0) == 0, messages
    assert messages["sent"].get("notification", 0) == 0, messages
    assert lab.peers["exabgp"].session_state() == "Established"


def test_good_clients_exchange_routes(rejects_lab):
    assert_good_clients_untouched(rejects_lab)


def test_as_outside_peer_as_gets_open_error_bad_peer_as(rejects_lab):
    frr = rejects_lab.peers["badas"]
    seen = wait_notification(frr, "0202", "OPEN Message Error / Bad Peer AS")
    assert seen["connectionsEstablished"] == 0
    assert seen["bgpState"] != "Established"


def test_other_clients_keep_routes_after_bad_peer_as(rejects_lab):
    wait_notification(rejects_lab.peers["badas"], "0202", "OPEN Message Error / Bad Peer AS")
    assert_good_clients_untouched(rejects_lab)


def test_probe_from_outside_allow_range_is_closed_before_open(rejects_lab):
    result = rejects_lab.probe("probe_outside", asn=65031)
    refused = not result["connected"] and "Refused" in (result["connect_error"] or "")
    closed = result["connected"] and result["closed_by_peer"]
    assert (refused or closed) and 1 not in result["message_types"], \
        f"a source outside every allow range must be closed before OPEN, got {result}"


def test_probe_from_allow_range_is_answered_with_open(rejects_lab):
    """The control for the test above: the same probe from inside the allow
    range gets the RS's OPEN, so a close is the RS's decision."""
    result = rejects_lab.probe("probe_inside", asn=65031)
    assert result["connected"] and 1 in result["message_types"], result


def test_client_outside_allow_range_never_receives_open(rejects_lab):
    frr = rejects_lab.peers["outside"]
    wait_for(lambda: (len(CLOSED_IN_OPENSENT.findall(frr.log_text())) >= 2, frr.log_tail(8)), 30,
             f"{frr!r} to have its connection closed by the RS in OpenSent twice")
    n = frr.neighbor()
    assert n["messageStats"]["opensRecv"] == 0, n["messageStats"]
    assert n.get("connectionsEstablished", 0) == 0
    assert_good_clients_untouched(rejects_lab)


def test_max_prefixes_breach_gets_cease_maximum_prefixes(rejects_lab):
    frr = rejects_lab.peers["limited"]
    assert len(frr.announced) == MAX_PREFIXES + 1
    wait_notification(frr, "0601", "Cease / Maximum Number of Prefixes Reached")


def test_other_clients_keep_routes_after_max_prefixes(rejects_lab):
    wait_notification(rejects_lab.peers["limited"], "0601", "Cease / Maximum Number of Prefixes Reached")
    assert_good_clients_untouched(rejects_lab)
