"""4-octet ASNs with a 2-octet-only client (RFC 6793), in a small lab of its
own (lab.topologies.four_octet_lab): the RS has AS 4259840001 (65000.1) and
`route_server: false`, so it prepends that AS; FRR has a 4-octet AS too;
ExaBGP runs without the 4-octet AS capability and sends a path holding a
4-octet ASN, which only AS4_PATH can carry. Checked from both clients:
  - the 2-octet client sees AS_TRANS (23456) as the RS's AS in its OPEN;
  - the 4-octet client receives that path reconciled (AS_PATH + AS4_PATH
    merged into 4-octet ASNs), behind the RS's AS;
  - the 2-octet client receives the 4-octet client's path as AS_PATH with
    AS_TRANS in place of each 4-octet ASN plus the exact AS4_PATH.
Under RS=bird, BIRD plays the same RS (no `rs client`, `next hop keep`)."""

import pytest

from conftest import KEEP
from lab import topologies
from lab.peers.exabgp import AS_TRANS
from lab.wait import wait_for
from lab.wire_paths import wire_as_paths


@pytest.fixture(scope="module")
def asn4_lab():
    lab = topologies.four_octet_lab(keep_dir=KEEP).start()
    yield lab
    lab.close()


def two_octet(path):
    return [asn if asn <= 0xFFFF else AS_TRANS for asn in path]


def test_two_octet_client_sees_as_trans_in_the_rs_open(asn4_lab):
    exabgp = asn4_lab.peers["exabgp2"]
    assert exabgp.established()  # its configured peer AS is AS_TRANS: any other AS would be refused
    opens = exabgp.received_opens()
    assert opens, "ExaBGP recorded no OPEN from the RS"
    assert opens[-1]["asn"] == AS_TRANS, opens[-1]
    # The true AS travels in the 4-octet AS capability, which the 2-octet speaker ignores.
    caps = {c.get("name"): c for c in opens[-1].get("capabilities", {}).values()}
    assert caps.get("asn4", {}).get("asn4") == topologies.RS_ASN4, caps


def test_four_octet_client_gets_the_two_octet_clients_path_reconciled(asn4_lab):
    frr = asn4_lab.peers["frr4"]
    routes = asn4_lab.wait_view(frr)
    path = routes["10.15.1.0/24"]["as_path"]
    assert path == [topologies.RS_ASN4, 65015, topologies.FOUR_OCTET_HOP, 65100], path


def test_rs_holds_the_reconciled_path(asn4_lab):
    def check():
        rib = asn4_lab.rs.rib()
        paths = [p["route"]["as_path"] for p in rib.get("10.15.1.0/24", [])]
        return paths == [[65015, topologies.FOUR_OCTET_HOP, 65100]], rib
    wait_for(check, 10, f"the {asn4_lab.kind} RS to hold 10.15.1.0/24 with AS path 65015 "
                        f"{topologies.FOUR_OCTET_HOP} 65100 (AS4_PATH merged)")


def test_two_octet_client_gets_as_trans_and_as4_path(asn4_lab):
    exabgp = asn4_lab.peers["exabgp2"]
    asn4_lab.wait_view(exabgp)  # as ExaBGP shows it: its merge of AS_PATH and AS4_PATH
    full = [topologies.RS_ASN4, topologies.FOUR_OCTET_CLIENT_AS]
    bodies = exabgp.raw_updates()
    assert "10.11.1.0/24" in bodies, f"no raw UPDATE for 10.11.1.0/24 in {sorted(bodies)}"
    as_path, as4_path = wire_as_paths(bodies["10.11.1.0/24"], as_path_octets=2)
    assert (as_path, as4_path) == (two_octet(full), full), \
        f"on the 2-octet session expected AS_PATH {two_octet(full)} + AS4_PATH {full}, got {as_path} + {as4_path}"
