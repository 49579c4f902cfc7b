"""meshbgp's container image (scripts/build-image) under podman, inside a
lab node's network namespace, with the restrictions of the Helm chart's
pod: non-root (the image's own USER), read-only root filesystem, every
capability dropped but NET_BIND_SERVICE, no privilege escalation, and one
writable mount for the control socket (the chart's emptyDir).

Podman gets a private vfs storage in a temp dir, so runs never share state
with each other or with the host's podman; close() removes containers and
storage."""

from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import tempfile

from .netns import Node, Process, run
from .route_server import MeshbgpRouteServer, RsSpec, meshbgp_build_dir

PODMAN = "/usr/bin/podman"
IMAGE_UID = 10179  # the chart's runAsUser, the image's USER
SOCKET_DIR = "/run/bgpd"
NATIVE_CONFIG = "/etc/meshbgp/bgpd.yaml"
MESHRR_CONFIG = "/opt/meshrr/conf/meshrr.conf.yml"


def image_archive() -> str | None:
    """$MESHBGP_IMAGE_ARCHIVE, else the newest archive scripts/build-image
    wrote into the build directory."""
    if os.environ.get("MESHBGP_IMAGE_ARCHIVE"):
        return os.environ["MESHBGP_IMAGE_ARCHIVE"]
    found = sorted(glob.glob(os.path.join(meshbgp_build_dir(), "image", "meshbgp-*.oci.tar")),
                   key=os.path.getmtime)
    return found[-1] if found else None


class Podman:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="meshbgp-podman-")
        self.containers: list[str] = []
        self.image: str | None = None

    def cmd(self, *args: str) -> list[str]:
        return [PODMAN, "--root", os.path.join(self.dir, "storage"), "--runroot", os.path.join(self.dir, "run"),
                "--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "--events-backend", "file",
                "--runtime", "runc", *args]

    def __call__(self, *args: str, check: bool = True, timeout: float = 120):
        return run(self.cmd(*args), check=check, timeout=timeout)

    def load(self, archive: str) -> str:
        out = self("load", "-i", archive, timeout=300).stdout
        names = [line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Loaded image")]
        if not names:
            raise RuntimeError(f"podman load {archive}: no image named in {out!r}")
        self.image = names[0].split(",")[0].strip()
        return self.image

    def image_config(self) -> dict:
        return json.loads(self("image", "inspect", self.image).stdout)[0]

    def image_files(self) -> list[str]:
        """Every path in the image's root filesystem."""
        name = f"files-{os.getpid()}"
        self("create", "--name", name, self.image)
        try:
            tar = os.path.join(self.dir, "rootfs.tar")
            self("export", "-o", tar, name)
            return [p for p in run(["tar", "-tf", tar]).stdout.splitlines() if p.strip("./")]
        finally:
            self("rm", "-f", name, check=False)

    def run_argv(self, name: str, node: Node, mounts: list[tuple[str, str, str]], env: dict[str, str],
                 args: list[str]) -> list[str]:
        """`podman run` in the node's namespace as the chart's pod runs;
        mounts are (host path, container path, options)."""
        argv = self.cmd("run", "--name", name, "--network", f"ns:/run/netns/{node.ns}",
                        "--log-driver", "k8s-file", "--init=false",
                        "--ulimit", "nofile=4096:4096", "--ulimit", "nproc=1024:1024",
                        "--read-only", "--read-only-tmpfs=false",
                        "--cap-drop", "ALL", "--cap-add", "NET_BIND_SERVICE",
                        "--security-opt", "no-new-privileges")
        for host, path, opts in mounts:
            argv += ["-v", f"{host}:{path}:{opts}"]
        for k, v in env.items():
            argv += ["-e", f"{k}={v}"]
        self.containers.append(name)
        return argv + [self.image, *args]

    def inspect(self, name: str) -> dict:
        return json.loads(self("inspect", name).stdout)[0]

    def close(self) -> None:
        for name in self.containers:
            self("rm", "-f", "-t", "0", name, check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


class ContainerRouteServer(MeshbgpRouteServer):
    """The lab's RS, as the image: the lab's native config mounted at
    /etc/meshbgp/bgpd.yaml, or `meshrr_conf` (the text of meshrr's
    ConfigMap) at /opt/meshrr/conf/meshrr.conf.yml; no arguments, so the
    image's entrypoint chooses. bgpctl calls from the host go through the
    socket directory, which is a host directory mounted into the container."""

    def __init__(self, node: Node, spec: RsSpec, podman: Podman, meshrr_conf: str | None = None):
        super().__init__(node, spec)
        self.podman = podman
        self.meshrr_conf = meshrr_conf
        self.container = f"{node.ns}-rs"

    def start(self) -> None:
        run_dir = self.path("run")
        os.makedirs(run_dir)
        os.chown(run_dir, IMAGE_UID, IMAGE_UID)
        os.chmod(run_dir, 0o700)
        env = {}
        if self.meshrr_conf is None:
            # The config names the socket as the chart's does; MESHBGP_SOCKET
            # tells the image's bgpctl, as the chart's pod env does.
            self.sock = f"{SOCKET_DIR}/bgpd.sock"
            self.conf = self.path("bgpd.yaml")
            self.write_config()
            mount = (self.conf, NATIVE_CONFIG, "ro")
            env["MESHBGP_SOCKET"] = self.sock
            self.sock = os.path.join(run_dir, "bgpd.sock")
        else:
            # meshrr's file names no socket: bgpd and bgpctl both default to
            # $XDG_RUNTIME_DIR/meshbgp/bgpd.sock (the image sets /run/bgpd).
            self.conf = self.path("meshrr.conf.yml")
            with open(self.conf, "w") as f:
                f.write(self.meshrr_conf)
            mount = (self.conf, MESHRR_CONFIG, "ro")
            env["POD_IP"] = self.spec.listen_ip
            self.sock = os.path.join(run_dir, "meshbgp", "bgpd.sock")
        os.chmod(self.conf, 0o644)
        argv = self.podman.run_argv(self.container, self.node, [mount, (run_dir, SOCKET_DIR, "rw")], env, [])
        self.process = self._spawn_outside_netns("podman-bgpd", argv)

    def _spawn_outside_netns(self, name: str, argv: list[str]) -> Process:
        """As Node.spawn, but podman (and so runc) stays in the root netns,
        as a kubelet's runtime does: runc refuses the default net.* sysctls
        when the container's netns is its own."""
        log_path = os.path.join(self.node.dir, f"{name}.log")
        with open(log_path, "ab") as log:
            popen = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True, cwd=self.node.dir)
        proc = Process(name=f"{self.node.name}/{name}", popen=popen, log_path=log_path)
        self.node.processes.append(proc)
        self.node.lab._processes.append(proc)  # stopped by Lab.close() like every daemon
        return proc

    def stop(self) -> None:
        self.podman("stop", "-t", "30", self.container, check=False, timeout=60)
        super().stop()

    def container_exec(self, *args: str, check: bool = True):
        return self.podman("exec", self.container, *args, check=check)

    def container_pid(self) -> int:
        return int(self.podman.inspect(self.container)["State"]["Pid"])
