"""BIRD 2 as route server: one dynamic BGP protocol over the client range
(`neighbor range ... external`) from a template with `rs client`."""

from __future__ import annotations

from .base import RouteServer, have


class Bird(RouteServer):
    name = "bird"
    package = "bird2"

    @classmethod
    def available(cls):
        return have("/usr/sbin/bird")

    def config_name(self) -> str:
        return "bird.conf"

    def config(self) -> str:
        s = self.spec
        return "\n".join([
            f"router id {s.ip};",
            "log stderr { warning, error, fatal, bug };",
            "protocol device { scan time 10; }",
            "template bgp clients {",
            f"  local {s.ip} port 179 as {s.asn};",
            "  rs client;",
            f"  hold time {s.hold_time};",
            "  ipv4 { import all; export all; };",
            "}",
            "protocol bgp dyn from clients {",
            f"  neighbor range {s.allow} external;",
            '  dynamic name "c";',
            "}",
            "",
        ])

    def check_command(self):
        return ["/usr/sbin/bird", "-p", "-c", self.conf]

    def command(self):
        return ["/usr/sbin/bird", "-f", "-c", self.conf, "-s", self.path("bird.ctl"), "-P", self.path("bird.pid")]
