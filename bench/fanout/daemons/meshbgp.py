"""meshbgp's own bgpd: one external group allowing the client range with
route_server: true and the clients' AS range, logging at warn. Found by
explicit path only ($MESHBGP_BGPD, else $MESHBGP_BUILD_DIR/bgpd/bgpd):
/usr/sbin/bgpd on PATH is OpenBGPD."""

from __future__ import annotations

import os

from ..lab import REPO_ROOT
from .base import RouteServer


def build_dir() -> str:
    return os.path.abspath(os.environ.get("MESHBGP_BUILD_DIR", os.path.join(REPO_ROOT, "build")))


def bgpd_path() -> str:
    return os.environ.get("MESHBGP_BGPD") or os.path.join(build_dir(), "bgpd", "bgpd")


class Meshbgp(RouteServer):
    name = "meshbgp"
    families = ("ipv4", "evpn")

    @classmethod
    def available(cls):
        path = bgpd_path()
        return None if os.access(path, os.X_OK) else f"{path} not built"

    @classmethod
    def version(cls) -> str:
        return bgpd_path()

    def config_name(self) -> str:
        return "bgpd.yaml"

    def config(self) -> str:
        s = self.spec
        lo, hi = s.as_range
        return "\n".join([
            "# meshbgp route server for the fan-out benchmark (shared/design/CONFIG.md)",
            f"asn: {s.asn}",
            f"router_id: {s.ip}",
            f'listen: ["{s.ip}:179"]',
            "threads: 0",
            f"hold_time: {s.hold_time}",
            "api:",
            f"  socket: {self.path('bgpd.sock')}",
            '  http: ""',
            "log: { level: warn, format: text }",
            "groups:",
            "  - name: clients",
            "    type: external",
            f"    families: [{s.family}]",
            f"    allow: [{s.allow}]",
            f"    peer_as: [{lo}-{hi}]",
            "    route_server: true",
            f"    hold_time: {s.hold_time}",
            "",
        ])

    def check_command(self):
        return [bgpd_path(), "--check", "-c", self.conf]

    def command(self):
        return [bgpd_path(), "-c", self.conf]
