"""ExaBGP as a decoding L2VPN EVPN receiver: it negotiates IPv4 unicast and
L2VPN EVPN with the RS and its receive process records every UPDATE both
parsed (route fields, attributes) and raw (`packets; consolidate;`), so a
route can be checked field by field and byte by byte."""

from __future__ import annotations

from .exabgp import ExaBgpPeer


class ExaBgpEvpnPeer(ExaBgpPeer):
    kind = "exabgp-evpn"
    receive = "parsed; packets; consolidate; update; notification; open;"

    def config(self) -> str:
        return super().config().replace("family { ipv4 unicast; }", "family { ipv4 unicast; l2vpn evpn; }")

    def evpn_routes(self) -> dict[str, dict]:
        """{raw NLRI hex (ExaBGP's "raw"): {"entry": ExaBGP's decoded route,
        "next_hop": ..., "attribute": the UPDATE's decoded attributes}} held now."""
        table: dict[str, dict] = {}
        for msg in self._messages():
            nb = msg.get("neighbor", {})
            if nb.get("address", {}).get("peer") != self.rs_ip:
                continue
            if msg.get("type") == "state" and nb.get("state") != "up":
                table.clear()
            if msg.get("type") != "update":
                continue
            upd = nb.get("message", {}).get("update", {})
            for entry in upd.get("withdraw", {}).get("l2vpn evpn", []):
                table.pop(_key(entry, table), None)
            for next_hop, entries in upd.get("announce", {}).get("l2vpn evpn", {}).items():
                for entry in entries:
                    table[entry["raw"].lower()] = {"entry": entry, "next_hop": next_hop,
                                                   "attribute": upd.get("attribute", {})}
        return table


def _key(withdrawn: dict, table: dict[str, dict]) -> str:
    """The held route a withdrawal names: the same raw bytes, or for a
    MAC/IP route the same RD, MAC and IP (its ESI and labels may be zeroed)."""
    raw = withdrawn.get("raw", "").lower()
    if raw in table:
        return raw
    for held, r in table.items():
        e = r["entry"]
        if e.get("code") == withdrawn.get("code") == 2 and all(
                e.get(f) == withdrawn.get(f) for f in ("rd", "mac", "ip", "etag")):
            return held
    return raw
