"""OpenBGPD as route server: one passive neighbor per client (a neighbor
template needs a fixed remote AS), `transparent-as yes` so no own AS is
prepended; next hops on the shared subnet are passed through."""

from __future__ import annotations

import os

from .base import RouteServer, have


class OpenBgpd(RouteServer):
    name = "openbgpd"
    package = "openbgpd"

    @classmethod
    def available(cls):
        return have("/usr/sbin/bgpd") or have("bgpctl")

    def config_name(self) -> str:
        return "bgpd.conf"

    def prepare(self) -> None:
        os.makedirs("/run/openbgpd", exist_ok=True)  # the privsep chroot

    def config(self) -> str:
        s = self.spec
        out = [
            f"AS {s.asn}",
            f"router-id {s.ip}",
            f'socket "{self.path("bgpd.sock")}"',
            f"listen on {s.ip}",
            "fib-update no",
            'group "clients" {',
            "\ttransparent-as yes",
            "\tpassive",
            f"\tholdtime {s.hold_time}",
        ]
        for ip, asn in s.clients:
            out.append(f"\tneighbor {ip} {{ remote-as {asn} }}")
        out += ["}", "allow from any", "allow to any", ""]
        return "\n".join(out)

    def check_command(self):
        return ["/usr/sbin/bgpd", "-n", "-f", self.conf]

    def command(self):
        return ["/usr/sbin/bgpd", "-d", "-f", self.conf]
