"""What every benchmarked route server has in common: a spec of the job,
its config file in a private directory, one process tree in the route
server's netns, readiness = listening on the BGP port."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass

from ..lab import Node, run

START_TIMEOUT = 30.0


@dataclass
class RsSpec:
    asn: int
    ip: str                       # router id and listen address
    clients: list[tuple[str, int]]  # (address, AS) of every client
    allow: str                    # CIDR covering the clients
    hold_time: int = 90
    family: str = "ipv4"          # what the clients announce: "ipv4" or "evpn" (type-2 routes)

    @property
    def as_range(self) -> tuple[int, int]:
        asns = [a for _, a in self.clients]
        return min(asns), max(asns)


class RouteServer:
    name = "?"
    package = ""  # Debian package, for the version in the report
    families = ("ipv4",)  # the workload families it can serve as a route server

    def __init__(self, node: Node, spec: RsSpec, workdir: str):
        self.node = node
        self.spec = spec
        self.dir = workdir
        os.makedirs(self.dir, exist_ok=True)
        os.chmod(self.dir, 0o777)
        self.process = None

    # -- for subclasses ---------------------------------------------------------
    def config(self) -> str:
        raise NotImplementedError

    def config_name(self) -> str:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError

    def check_command(self) -> list[str] | None:
        """A config check run before starting, or None."""
        return None

    def prepare(self) -> None:
        """Anything the daemon needs besides its config."""

    @classmethod
    def available(cls) -> str | None:
        """None when the daemon can run here, else why not."""
        return None

    # -- common -----------------------------------------------------------------
    def path(self, name: str) -> str:
        return os.path.join(self.dir, name)

    @property
    def conf(self) -> str:
        return self.path(self.config_name())

    @classmethod
    def version(cls) -> str:
        if not cls.package:
            return ""
        cp = run(["dpkg-query", "-W", "-f", "${Version}", cls.package], check=False)
        return cp.stdout.strip()

    def start(self) -> None:
        self.prepare()
        with open(self.conf, "w") as f:
            f.write(self.config())
        check = self.check_command()
        if check:
            cp = run(check, check=False, timeout=60)
            if cp.returncode != 0:
                raise RuntimeError(f"{self.name} rejected its config {self.conf}:\n{cp.stdout}{cp.stderr}")
        self.process = self.node.spawn(f"{self.name}-{os.path.basename(self.dir)}", self.command())

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if not self.process.alive():
                raise RuntimeError(f"{self.name} exited at start:\n{self.process.log_tail()}")
            if self.node.listening(179):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} not listening on {self.spec.ip}:179 after {timeout:g} s:\n"
                                   f"{self.process.log_tail()}")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process:
            self.process.stop()

    def log_tail(self, lines: int = 30) -> str:
        return self.process.log_tail(lines) if self.process else "<not started>"


def have(program: str) -> str | None:
    return None if (os.access(program, os.X_OK) or shutil.which(program)) else f"{program} not installed"
