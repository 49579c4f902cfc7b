"""Namespaces, the hub bridge, veths and daemon processes of one lab.

Everything a Lab creates carries a name unique to this process and lab
("mbi<pid><letter>-<node>"), so concurrent runs never collide, and close()
removes it all (processes first, then namespaces, then the temp dir) even
after failures. Namespaces left behind by a run that died without cleaning
up (its pid is gone) are removed by cleanup_stale()."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field

NAME_PREFIX = "mbi"  # meshbgp interop: only namespaces with this prefix are ours
_lab_counter = itertools.count()


def run(argv: list[str], check: bool = True, timeout: float = 30, **kw) -> subprocess.CompletedProcess:
    """Runs a command, capturing text output; a failure names the command and its stderr."""
    cp = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kw)
    if check and cp.returncode != 0:
        raise RuntimeError(f"command failed ({cp.returncode}): {' '.join(argv)}\n"
                           f"stdout: {cp.stdout.strip()}\nstderr: {cp.stderr.strip()}")
    return cp


def _netns_list() -> list[str]:
    out = run(["ip", "netns", "list"]).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


def _kill_netns_pids(ns: str) -> None:
    cp = run(["ip", "netns", "pids", ns], check=False)
    for tok in cp.stdout.split():
        try:
            os.kill(int(tok), signal.SIGKILL)
        except (ProcessLookupError, ValueError):
            pass


def cleanup_stale() -> list[str]:
    """Removes namespaces of earlier runs of this suite whose process is dead."""
    removed = []
    pat = re.compile(rf"^{NAME_PREFIX}(\d+)[a-z]+-")
    for ns in _netns_list():
        m = pat.match(ns)
        if m and not _pid_alive(int(m.group(1))):
            _kill_netns_pids(ns)
            run(["ip", "netns", "del", ns], check=False)
            removed.append(ns)
    return removed


def status_kib(pid: int, field: str) -> int:
    """One of a process's memory figures in /proc/PID/status, in KiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def rss_kib(pid: int) -> int:
    """A process's resident set (VmRSS), for the load tests' memory figures."""
    return status_kib(pid, "VmRSS")


def anon_kib(pid: int) -> int:
    """Resident memory the process allocated (heap, stacks: RssAnon), without
    the pages of its binary and libraries: code first run during a test
    (session teardown, withdrawals) is paged in and counts in VmRSS, but is
    no memory the process kept; on a 10 MB daemon that alone is several
    percent."""
    return status_kib(pid, "RssAnon")


@dataclass
class Process:
    """A daemon started in a netns as the leader of its own session, so that
    signalling its process group reaches every child it forked."""
    name: str
    popen: subprocess.Popen
    log_path: str
    # Lines log_tail() leaves out: harmless noise that would hide the story.
    noise: re.Pattern | None = None

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def signal_group(self, sig: int) -> None:
        try:
            os.killpg(self.popen.pid, sig)
        except ProcessLookupError:
            pass

    def stop(self, timeout: float = 5.0) -> None:
        """SIGTERM to the group, SIGKILL to whatever is left after `timeout`."""
        if self.alive():
            self.signal_group(signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        # Children (OpenBGPD's engines, ExaBGP's API processes) may outlive
        # the leader: the group is killed regardless.
        self.signal_group(signal.SIGKILL)
        try:
            self.popen.wait(2)
        except subprocess.TimeoutExpired:
            pass

    def kill(self) -> None:
        """SIGKILL, as a crash: sockets are closed by the kernel."""
        self.signal_group(signal.SIGKILL)
        self.popen.wait(5)

    def log_text(self) -> str:
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError as e:
            return f"<no log: {e}>"

    def log_tail(self, lines: int = 40) -> str:
        kept = [line for line in self.log_text().splitlines(keepends=True)
                if not (self.noise and self.noise.search(line))]
        return "".join(kept[-lines:])


@dataclass
class Node:
    """One speaker's namespace with a veth into the hub bridge."""
    lab: "Lab"
    name: str
    ns: str
    addresses: list[str]  # with prefix length, the first one is the node's address
    dir: str
    processes: list[Process] = field(default_factory=list)

    @property
    def ip(self) -> str:
        return self.addresses[0].split("/")[0]

    def exec(self, argv: list[str], check: bool = True, timeout: float = 30) -> subprocess.CompletedProcess:
        return run(["ip", "netns", "exec", self.ns, *argv], check=check, timeout=timeout)

    def spawn(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> Process:
        """Starts argv in this netns in a new session, stdin from /dev/null
        and stdout+stderr appended to DIR/NAME.log."""
        log_path = os.path.join(self.dir, f"{name}.log")
        full_env = dict(os.environ)
        if env:
            full_env.update(env)
        with open(log_path, "ab") as log:
            # `ip netns exec` execs the command in place, so the pid is the daemon's.
            popen = subprocess.Popen(["ip", "netns", "exec", self.ns, *argv],
                                     stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True, env=full_env, cwd=self.dir)
        proc = Process(name=f"{self.name}/{name}", popen=popen, log_path=log_path)
        self.processes.append(proc)
        self.lab._processes.append(proc)
        return proc

    def listening(self, port: int) -> bool:
        out = self.exec(["ss", "-Hltn", f"sport = :{port}"], check=False).stdout
        return bool(out.strip())


class Lab:
    """A hub netns with bridge br0 plus one netns per node. Use as a context
    manager or call close(); close() is safe to call more than once."""

    def __init__(self, label: str = "lab", keep_dir: bool = False):
        cleanup_stale()
        self.id = f"{NAME_PREFIX}{os.getpid()}{_letters(next(_lab_counter))}"
        self.label = label
        self.keep_dir = keep_dir
        self.dir = tempfile.mkdtemp(prefix=f"meshbgp-interop-{label}-{self.id}-")
        # Traversable by daemons that drop privileges (OpenBGPD's engines).
        os.chmod(self.dir, 0o755)
        self.nodes: dict[str, Node] = {}
        self._processes: list[Process] = []
        self._namespaces: list[str] = []
        self._closed = False
        self._veth_index = itertools.count(1)
        try:
            self.hub = self._add_ns("hub")
            self._ip("-n", self.hub, "link", "add", "br0", "type", "bridge", "forward_delay", "0", "stp_state", "0")
            self._ip("-n", self.hub, "link", "set", "br0", "up")
        except Exception:
            self.close()
            raise

    def _ip(self, *args: str) -> None:
        run(["ip", *args])

    def _add_ns(self, node_name: str) -> str:
        ns = f"{self.id}-{node_name}"
        self._ip("netns", "add", ns)
        self._namespaces.append(ns)
        self._ip("-n", ns, "link", "set", "lo", "up")
        return ns

    def add_node(self, name: str, addresses: list[str]) -> Node:
        """A netns NAME whose eth0 is bridged into the hub and holds `addresses`
        (CIDR strings, e.g. "10.0.0.11/16")."""
        if name in self.nodes:
            raise ValueError(f"node {name} exists")
        ns = self._add_ns(name)
        hub_if = f"v{next(self._veth_index)}"
        self._ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", hub_if, "netns", self.hub)
        self._ip("-n", self.hub, "link", "set", hub_if, "master", "br0")
        self._ip("-n", self.hub, "link", "set", hub_if, "up")
        for a in addresses:
            self._ip("-n", ns, "addr", "add", a, "dev", "eth0")
        self._ip("-n", ns, "link", "set", "eth0", "up")
        node_dir = os.path.join(self.dir, name)
        os.makedirs(node_dir)
        os.chmod(node_dir, 0o777)  # whatever user a daemon or its helpers run as may write here
        node = Node(lab=self, name=name, ns=ns, addresses=addresses, dir=node_dir)
        self.nodes[name] = node
        return node

    def processes(self) -> list[Process]:
        return list(self._processes)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for proc in reversed(self._processes):
            try:
                proc.stop()
            except Exception:
                pass
        for ns in reversed(self._namespaces):
            _kill_netns_pids(ns)  # anything that escaped its process group
            run(["ip", "netns", "del", ns], check=False)
        if not self.keep_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "Lab":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _letters(n: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'ba': a name part that never contains digits,
    so the pid before it parses back unambiguously."""
    s = ""
    while True:
        s = chr(ord("a") + n % 26) + s
        n //= 26
        if n == 0:
            return s
