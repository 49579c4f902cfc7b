"""deploy/examples/load-balanced-route-servers: meshrr's example with cRPD,
meshrr's init container and its sidecar replaced by one meshbgp container.
Checked like the chart: the Kubernetes API schemas (offline), the fields
meshrr's design depends on (../shared/design/MESHRR.md §2), and the
ConfigMap through the real `bgpd --check --meshrr-config`.

Run: /usr/bin/python3 -m pytest tests/deploy"""
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from test_chart import bgpd_binary, of_kind, one, selects

EXAMPLE = Path(__file__).resolve().parents[2] / "deploy" / "examples" / "load-balanced-route-servers"
FILES = ["meshrr-core.service.yml", "bgppeer-global.yml", "routeserver-a.ss.yml", "routeserver-b.ss.yml"]
SIDES = {"a": "192.168.255.1/32", "b": "192.168.255.2/32"}
# meshrr's ConfigMap, as its example ships it: meshbgp must read it unchanged.
MESHRR_CONF = {
    "encrypted_root_pw": "NOLOGIN",
    "asn": "65000.1",
    "mode": "evpnrs",
    "bgpgroups": [
        {"name": "MESHRR-CORE", "type": "mesh", "source": {"sourcetype": "dns", "hostname": "meshrr-core"}},
        {"name": "MESHRR-CLIENTS", "type": "subtractive", "prefixes": ["192.168.0.0/16"],
         "asranges": ["65001-65535"]},
    ],
}
# The paths the image's entrypoint looks at (deploy/entrypoint/entrypoint_command.h).
MESHRR_PATH = "/opt/meshrr/conf/meshrr.conf.yml"
IMAGE_UID = 10179


def load(name):
    return [d for d in yaml.safe_load_all((EXAMPLE / name).read_text()) if d]


@pytest.fixture(scope="module")
def objs():
    return [o for name in FILES for o in load(name)]


def test_files_are_meshrrs(objs):
    assert sorted(p.name for p in EXAMPLE.glob("*.yml")) == sorted(FILES)
    kinds = sorted((o["kind"], o["metadata"]["name"]) for o in objs)
    assert kinds == sorted([
        ("Service", "meshrr-core"), ("BGPPeer", "global-lo1"),
        # The ConfigMap is in both side files, as in meshrr.
        ("ConfigMap", "meshrr-conf"), ("ConfigMap", "meshrr-conf"),
        *[(k, f"routeserver-{s}") for s in SIDES
          for k in ("IPAddressPool", "BGPAdvertisement", "Service", "StatefulSet")]])


def test_objects_match_kubernetes_schemas(objs, k8s_validator):
    results = k8s_validator.validate(objs)
    assert not [r for r in results if r["status"] == "invalid"], results
    assert {r["kind"] for r in results if r["status"] == "unknown"} <= {
        "IPAddressPool", "BGPAdvertisement", "BGPPeer"}
    assert {"StatefulSet", "Service", "ConfigMap"} <= {r["kind"] for r in results if r["status"] == "ok"}


def test_configmap_is_meshrrs_unchanged(objs):
    cms = of_kind(objs, "ConfigMap")
    assert len({c["data"]["meshrr.conf.yml"] for c in cms}) == 1, "the two side files disagree"
    assert yaml.safe_load(cms[0]["data"]["meshrr.conf.yml"]) == MESHRR_CONF


@pytest.mark.skipif(bgpd_binary() is None, reason="no bgpd binary at $MESHBGP_BUILD_DIR/bgpd/bgpd")
def test_bgpd_accepts_the_configmap(objs, tmp_path):
    conf = tmp_path / "meshrr.conf.yml"
    conf.write_text(of_kind(objs, "ConfigMap")[0]["data"]["meshrr.conf.yml"])
    env = dict(os.environ, POD_IP="10.42.0.7", POD_NAME="routeserver-a-0", POD_NAMESPACE="default",
               NODE_NAME="node-1")
    proc = subprocess.run([str(bgpd_binary()), "--check", "--meshrr-config", str(conf)],
                          capture_output=True, text=True, env=env, timeout=30)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "OK" in out, out


def test_metallb_objects(objs):
    (peer,) = of_kind(objs, "BGPPeer")
    assert peer["apiVersion"] == "metallb.io/v1beta2" and peer["metadata"]["namespace"] == "metallb"
    assert peer["spec"] == {"myASN": 4259840003, "peerASN": 4259840002, "peerAddress": "192.168.255.0",
                            "ebgpMultiHop": True}
    for side, address in SIDES.items():
        pool = one(objs, "IPAddressPool", f"routeserver-{side}")
        assert pool["metadata"]["namespace"] == "metallb"
        assert pool["spec"] == {"addresses": [address], "autoAssign": False}
        adv = one(objs, "BGPAdvertisement", f"routeserver-{side}")
        assert adv["spec"] == {"ipAddressPools": [f"routeserver-{side}"], "communities": ["65000:0"]}


def statefulsets(objs):
    return {s["metadata"]["labels"]["side"]: s for s in of_kind(objs, "StatefulSet")}


def test_services(objs):
    pods = {side: s["spec"]["template"]["metadata"]["labels"] for side, s in statefulsets(objs).items()}
    mesh = one(objs, "Service", "meshrr-core")["spec"]
    assert mesh["clusterIP"] == "None" and mesh["type"] == "ClusterIP"
    assert mesh["ports"] == [{"name": "bgp", "port": 179, "protocol": "TCP", "targetPort": "bgp"}]
    assert all(selects(mesh["selector"], labels) for labels in pods.values())
    for side in SIDES:
        svc = one(objs, "Service", f"routeserver-{side}")
        assert svc["metadata"]["annotations"] == {"metallb.io/address-pool": f"routeserver-{side}"}
        spec = svc["spec"]
        assert spec["type"] == "LoadBalancer" and spec["externalTrafficPolicy"] == "Local"
        assert spec["ports"] == [{"name": "bgp", "port": 179, "protocol": "TCP", "targetPort": "bgp"}]
        assert {s for s, labels in pods.items() if selects(spec["selector"], labels)} == {side}


def test_statefulsets_place_one_meshbgp_per_node(objs):
    by_side = statefulsets(objs)
    assert sorted(by_side) == sorted(SIDES)
    for side, sts in by_side.items():
        spec = sts["spec"]
        assert spec["replicas"] == 2 and spec["podManagementPolicy"] == "Parallel"
        assert spec["serviceName"] == "meshrr-core"
        assert spec["selector"]["matchLabels"] == {"app": "meshrr-evpnrs", "side": side}
        assert selects(spec["selector"]["matchLabels"], spec["template"]["metadata"]["labels"])
        aff = spec["template"]["spec"]["affinity"]
        assert aff["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]["nodeSelectorTerms"] == [
            {"matchExpressions": [{"key": "side", "operator": "In", "values": [side]}]}]
        (anti,) = aff["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        assert anti["topologyKey"] == "kubernetes.io/hostname"
        assert anti["labelSelector"] == {"matchExpressions": [
            {"key": "app", "operator": "In", "values": ["meshrr-evpnrs"]}]}


def test_one_unprivileged_meshbgp_container_reads_meshrr_conf(objs):
    for side, sts in statefulsets(objs).items():
        pod = sts["spec"]["template"]["spec"]
        assert "initContainers" not in pod
        (c,) = pod["containers"]
        assert c["image"].startswith("ghcr.io/meshbgp/meshbgp:")
        # No command or args: the entrypoint finds meshrr's file and runs
        # bgpd --meshrr-config on it.
        assert "command" not in c and "args" not in c
        env = {e["name"]: e["valueFrom"]["fieldRef"]["fieldPath"] for e in c["env"]}
        assert env["POD_IP"] == "status.podIP"
        assert [(p["name"], p["containerPort"]) for p in c["ports"]] == [("bgp", 179)]
        mounts = {m["mountPath"]: m for m in c["volumeMounts"]}
        volumes = {v["name"]: v for v in pod["volumes"]}
        conf = mounts[MESHRR_PATH]
        assert conf["subPath"] == "meshrr.conf.yml" and conf["readOnly"] is True
        cm = volumes[conf["name"]]["configMap"]
        assert cm["name"] == "meshrr-conf"
        assert cm["items"] == [{"key": "meshrr.conf.yml", "path": "meshrr.conf.yml", "mode": 0o440}]
        assert "emptyDir" in volumes[mounts["/run/bgpd"]["name"]]
        psc, sc = pod["securityContext"], c["securityContext"]
        # The file is 0440 root:fsGroup, and bgpd runs in that group.
        assert psc["runAsUser"] == IMAGE_UID and psc["runAsGroup"] == psc["fsGroup"] == IMAGE_UID
        assert psc["runAsNonRoot"] is True and sc["runAsNonRoot"] is True
        assert {"name": "net.ipv4.ip_unprivileged_port_start", "value": "0"} in psc["sysctls"]
        assert sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False
        assert sc["capabilities"] == {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}
        assert "privileged" not in sc
        assert c["readinessProbe"]["tcpSocket"] == {"port": "bgp"}
        assert c["livenessProbe"]["exec"]["command"][0] == "bgpctl"
        assert pod["terminationGracePeriodSeconds"] > c["lifecycle"]["preStop"]["sleep"]["seconds"]
