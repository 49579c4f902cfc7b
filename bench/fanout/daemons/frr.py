"""FRR bgpd without zebra (-Z) as route server: `bgp listen range` into a
peer group of route-server clients. MRAI is set to 0: a route server
benchmark measures processing, not update pacing (BIRD has none)."""

from __future__ import annotations

from .base import RouteServer, have

FRR_BGPD = "/usr/lib/frr/bgpd"


class Frr(RouteServer):
    name = "frr"
    package = "frr"
    families = ("ipv4", "evpn")

    @classmethod
    def available(cls):
        return have(FRR_BGPD)

    def config_name(self) -> str:
        return "bgpd.conf"

    def config(self) -> str:
        s = self.spec
        lines = [
            "frr defaults traditional",
            "hostname rs",
            "log stdout warnings",
            f"router bgp {s.asn}",
            f" bgp router-id {s.ip}",
            " no bgp ebgp-requires-policy",
            " no bgp network import-check",
            f" bgp listen limit {max(100, len(s.clients))}",
            " neighbor CLIENTS peer-group",
            " neighbor CLIENTS remote-as external",
            f" neighbor CLIENTS timers {max(1, s.hold_time // 3)} {s.hold_time}",
            " neighbor CLIENTS advertisement-interval 0",
            f" bgp listen range {s.allow} peer-group CLIENTS",
        ]
        afi = "l2vpn evpn" if s.family == "evpn" else "ipv4 unicast"
        lines += [f" address-family {afi}", "  neighbor CLIENTS activate",
                  "  neighbor CLIENTS route-server-client"]
        lines += [" exit-address-family", ""]
        return "\n".join(lines)

    def check_command(self):
        return [FRR_BGPD, "-C", "-Z", "-S", "-f", self.conf]

    def command(self):
        return [FRR_BGPD, "-f", self.conf, "-Z", "-S", "-P", "0", "-l", self.spec.ip,
                "--vty_socket", self.dir, "-i", self.path("bgpd.pid")]
