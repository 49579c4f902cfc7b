"""route_server: false (meshrr's cRPD template): the RS prepends its own AS
but still never rewrites the next hop; communities pass unchanged. MED is
not compared: the design leaves it open for this mode (plain eBGP drops it,
RFC 4271 5.1.4, and so does BIRD). Under RS=bird this is BIRD without
`rs client`, with `next hop keep`."""

import pytest

from lab.topologies import RELAY_CLIENTS

RECEIVERS = [name for name, *_ in RELAY_CLIENTS]


@pytest.mark.parametrize("receiver", RECEIVERS)
def test_client_receives_routes_with_rs_as_prepended_and_next_hop_unchanged(rs_false_lab, receiver):
    routes = rs_false_lab.wait_view(rs_false_lab.peers[receiver])
    assert routes and all(r["as_path"][0] == rs_false_lab.rs.asn for r in routes.values())
