"""FRR as an EVPN VTEP: zebra and bgpd in the node's namespace with a kernel
VXLAN (vxlan100, VNI 100, in bridge br100, an access port with a static
MAC). With `advertise-all-vni` FRR originates a type-2 route per local MAC
and a type-3 route for the VNI; a static type-5 route comes from a
`network` statement added by announce_type5() (this kernel has no VRF
device, so no type-5 from a VRF). EVPN routes received through the RS whose route target is imported
(VNI 100, FRR's automatic route target <its AS>:100) are installed into
the kernel: MACs into vxlan100's FDB.

zebra cannot run as root with the Debian build (its vty group is frrvty),
so it runs as frr in the world-writable node directory; bgpd stays root (-S).
Only FRR's own routes go to the RS (empty AS path), so the RS's routes are
not advertised back to it."""

from __future__ import annotations

import json

from ..netns import run
from ..wait import wait_for
from .frr import FRR_BGPD, VTYSH, FrrPeer, _LOG_NOISE

ZEBRA = "/usr/lib/frr/zebra"
VNI = 100
LOCAL_MAC = "02:00:00:00:11:01"      # static in br100 on the access port
TYPE5_PREFIX = "10.20.0.0/24"
TYPE5_ROUTER_MAC = "02:00:00:00:11:99"


class FrrVtepPeer(FrrPeer):
    kind = "frr-vtep"

    @property
    def rd_type5(self) -> str:
        return f"{self.ip}:5"

    def config(self) -> str:
        rs = self.rs_ip
        lines = ["frr defaults datacenter", f"hostname {self.name}", "log stdout informational", "!",
                 "bgp as-path access-list OWN seq 5 permit ^$", "!",
                 "route-map OWN-ONLY permit 10", " match as-path OWN", "!",
                 f"router bgp {self.asn}",
                 f" bgp router-id {self.ip}",
                 " no bgp ebgp-requires-policy",
                 " no bgp network import-check",
                 f" neighbor {rs} remote-as {self.rs_asn}",
                 f" neighbor {rs} timers {self.keepalive_time} {self.hold_time}",
                 f" neighbor {rs} timers connect {self.connect_retry}",
                 f" neighbor {rs} advertisement-interval 0",
                 " address-family ipv4 unicast",
                 f"  neighbor {rs} route-map OWN-ONLY out",
                 " exit-address-family",
                 " address-family l2vpn evpn",
                 f"  neighbor {rs} activate",
                 f"  neighbor {rs} route-map OWN-ONLY out",
                 "  advertise-all-vni",
                 " exit-address-family", "!"]
        return "\n".join(lines) + "\n"

    def _kernel(self) -> None:
        ip = ["ip", "-n", self.node.ns]
        for argv in (["link", "add", "br100", "type", "bridge"],
                     ["link", "set", "br100", "up"],
                     ["link", "add", "vxlan100", "type", "vxlan", "id", str(VNI), "dstport", "4789",
                      "local", self.ip, "nolearning"],
                     ["link", "set", "vxlan100", "master", "br100"],
                     ["link", "set", "vxlan100", "up"],
                     ["link", "add", "acc0", "type", "veth", "peer", "name", "acc1"],
                     ["link", "set", "acc0", "master", "br100"],
                     ["link", "set", "acc0", "up"],
                     ["link", "set", "acc1", "up"]):
            run(ip + argv)
        self.node.exec(["bridge", "fdb", "add", LOCAL_MAC, "dev", "acc0", "master", "static"])

    def start(self) -> None:
        self._kernel()
        conf = self.path("frr.conf")
        with open(conf, "w") as f:
            f.write(self.config())
        api = self.path("zserv.api")
        self.zebra = self.node.spawn("zebra", [ZEBRA, "-f", conf, "-P", "0", "--vty_socket", self.node.dir,
                                               "-z", api, "-i", self.path("zebra.pid")])
        self.zebra.noise = _LOG_NOISE
        self.process = self.node.spawn("bgpd", [FRR_BGPD, "-f", conf, "-S", "-P", "0", "--vty_socket",
                                                self.node.dir, "-z", api, "-i", self.path("bgpd.pid")])
        self.process.noise = _LOG_NOISE

    def after_start(self) -> None:
        super().after_start()
        wait_for(lambda: (run([VTYSH, "--vty_socket", self.node.dir, "-c", "show evpn vni"],
                              check=False).stdout.find(str(VNI)) >= 0, self.zebra.log_tail(10)),
                 20, f"{self!r}: zebra knows VNI {VNI}")

    def stop(self) -> None:
        super().stop()
        self.zebra.stop()

    def kill(self) -> None:
        super().kill()
        self.zebra.kill()

    def log_tail(self, lines: int = 40) -> str:
        return super().log_tail(lines) + "\n-- zebra --\n" + self.zebra.log_tail(lines // 2)

    def announce_type5(self) -> None:
        """The static type-5 route. FRR 8.4 sends it with a 16-octet next hop
        (an IPv6 link-local address, or ::ffff:<IPv4> without IPv6)."""
        self.configure(f"router bgp {self.asn}", "address-family l2vpn evpn",
                       f"network {TYPE5_PREFIX} rd {self.rd_type5} ethtag 0 label 200 "
                       f"esi 00:00:00:00:00:00:00:00:00:00 gwip {self.ip} routermac {TYPE5_ROUTER_MAC}")

    def evpn_json(self) -> dict:
        return json.loads(self.vtysh("show bgp l2vpn evpn json"))

    def fdb(self) -> str:
        """`bridge fdb show dev vxlan100`: the MACs the kernel forwards over VXLAN."""
        return self.node.exec(["bridge", "fdb", "show", "dev", "vxlan100"]).stdout
