"""GoBGP as route server: one passive route-server-client neighbor per
client (a dynamic-neighbor peer group has a single peer AS)."""

from __future__ import annotations

from .base import RouteServer, have


class GoBgp(RouteServer):
    name = "gobgp"
    package = "gobgpd"
    families = ("ipv4", "evpn")

    @classmethod
    def available(cls):
        return have("gobgpd")

    def config_name(self) -> str:
        return "gobgpd.toml"

    def config(self) -> str:
        s = self.spec
        out = [
            "[global.config]",
            f"  as = {s.asn}",
            f'  router-id = "{s.ip}"',
            "  port = 179",
            f'  local-address-list = ["{s.ip}"]',
        ]
        for ip, asn in s.clients:
            out += [
                "[[neighbors]]",
                "  [neighbors.config]",
                f'    neighbor-address = "{ip}"',
                f"    peer-as = {asn}",
                "  [neighbors.transport.config]",
                "    passive-mode = true",
                "  [neighbors.timers.config]",
                f"    hold-time = {s.hold_time}",
                f"    keepalive-interval = {max(1, s.hold_time // 3)}",
                "  [neighbors.route-server.config]",
                "    route-server-client = true",
                "  [[neighbors.afi-safis]]",
                "    [neighbors.afi-safis.config]",
                f'      afi-safi-name = "{"l2vpn-evpn" if s.family == "evpn" else "ipv4-unicast"}"',
            ]
        return "\n".join(out) + "\n"

    def check_command(self):
        return ["gobgpd", "-d", "-f", self.conf]

    def command(self):
        return ["gobgpd", "-f", self.conf, "--api-hosts", f"unix://{self.path('api.sock')}",
                "--pprof-disable", "-p", "-l", "warn"]
