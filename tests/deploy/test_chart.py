"""The Helm chart deploy/helm/meshbgp, rendered offline with several value
sets: object kinds and counts, the fields meshrr's design depends on
(affinity, headless mesh Service, externalTrafficPolicy Local, probes,
security), the bgpd configuration it carries, and the Kubernetes API
schemas.

Run: /usr/bin/python3 -m pytest tests/deploy
Set MESHBGP_BUILD_DIR to a build directory to also check the rendered
configuration with that build's `bgpd --check`.
"""
import copy
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from conftest import NAMESPACE

# Value sets rendered by every structural test.
VALUE_SETS = {
    # meshrr's example: sides a and b, two replicas each, EVPN route server.
    "default": {},
    "two-sides": {
        "sideLabelKey": "side",
        "sides": [
            {"name": "east", "nodeLabelValue": "rack-1", "replicas": 2,
             "addresses": ["10.255.0.1/32"], "serviceAddress": "10.255.0.1"},
            {"name": "west", "nodeLabelValue": "rack-2", "replicas": 2,
             "addressPool": "existing-pool"},
        ],
        "meshServiceName": "rs-mesh",
        "clients": {"type": "external", "routeServer": False, "allow": ["172.16.0.0/12"],
                    "peerAS": ["65001-65535", 64512]},
        "families": ["evpn", "ipv4"],
        "metallb": {"namespace": "metallb", "bgpPeer": {"enabled": True}},
        "drainSeconds": 45,
    },
    # meshrr's ipv4rr mode: clients are iBGP route-reflector clients.
    "ipv4-rr": {
        "asn": 65000,
        "families": ["ipv4"],
        "clients": {"type": "internal", "routeServer": False, "allow": ["10.0.0.0/8"]},
    },
    "monitoring": {
        "serviceMonitor": {"enabled": True, "labels": {"release": "prometheus"}},
        "podDisruptionBudget": {"enabled": False},
        "drainSeconds": 0,
    },
}

DEFAULTS = yaml.safe_load((Path(__file__).resolve().parents[2] / "deploy" / "helm" / "meshbgp"
                           / "values.yaml").read_text())


def effective(name):
    """The values helm uses for a set: chart defaults merged with the set."""
    def merge(base, over):
        out = copy.deepcopy(base)
        for k, v in over.items():
            out[k] = merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
        return out
    return merge(DEFAULTS, VALUE_SETS[name])


def of_kind(objs, kind):
    return [o for o in objs if o["kind"] == kind]


def one(objs, kind, name):
    found = [o for o in objs if o["kind"] == kind and o["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind}/{name}, found {len(found)}"
    return found[0]


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in selector.items())


def bgpd_config(objs):
    cms = of_kind(objs, "ConfigMap")
    assert len(cms) == 1
    return yaml.safe_load(cms[0]["data"]["bgpd.yaml"]), cms[0]["data"]["bgpd.yaml"]


@pytest.fixture(scope="module", params=sorted(VALUE_SETS))
def rendered(request, renderer):
    name = request.param
    return name, effective(name), renderer.render(VALUE_SETS[name])


# --- lint -----------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(VALUE_SETS))
def test_helm_lint_is_clean(renderer, name):
    proc = renderer.lint(VALUE_SETS[name])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "[WARNING]" not in proc.stdout and "[ERROR]" not in proc.stdout, proc.stdout


# --- kinds and counts -----------------------------------------------------

def test_kinds_and_counts(rendered):
    name, v, objs = rendered
    sides = v["sides"]
    counts = {}
    for o in objs:
        counts[o["kind"]] = counts.get(o["kind"], 0) + 1
    expected = {
        "ConfigMap": 1,
        "StatefulSet": len(sides),
        "Service": len(sides) + 1,
        "BGPAdvertisement": 1,
    }
    if v["podDisruptionBudget"]["enabled"]:
        expected["PodDisruptionBudget"] = len(sides)
    pools = sum(1 for s in sides if s.get("addresses"))
    if pools:
        expected["IPAddressPool"] = pools
    if v["metallb"]["bgpPeer"]["enabled"]:
        expected["BGPPeer"] = 1
    if v["serviceMonitor"]["enabled"]:
        expected["ServiceMonitor"] = 1
    assert counts == expected, name


# --- StatefulSets ---------------------------------------------------------

def statefulsets_by_side(objs):
    return {s["metadata"]["labels"]["meshbgp.io/side"]: s for s in of_kind(objs, "StatefulSet")}


def test_statefulset_per_side_placement(rendered):
    _, v, objs = rendered
    by_side = statefulsets_by_side(objs)
    assert sorted(by_side) == sorted(s["name"] for s in v["sides"])
    for side in v["sides"]:
        sts = by_side[side["name"]]
        spec = sts["spec"]
        assert spec["replicas"] == side["replicas"]
        assert spec["serviceName"] == v["meshServiceName"]
        assert spec["podManagementPolicy"] == "Parallel"
        pod_labels = spec["template"]["metadata"]["labels"]
        assert selects(spec["selector"]["matchLabels"], pod_labels)
        aff = spec["template"]["spec"]["affinity"]
        terms = aff["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"][
            "nodeSelectorTerms"]
        assert terms == [{"matchExpressions": [{
            "key": v["sideLabelKey"], "operator": "In",
            "values": [side.get("nodeLabelValue") or side["name"]]}]}]
        anti = aff["podAntiAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
        assert len(anti) == 1 and anti[0]["topologyKey"] == "kubernetes.io/hostname"
        # One route server per node across *all* sides, as in meshrr.
        for other in by_side.values():
            assert selects(anti[0]["labelSelector"]["matchLabels"],
                           other["spec"]["template"]["metadata"]["labels"])


def test_side_selectors_do_not_overlap(rendered):
    _, _, objs = rendered
    by_side = statefulsets_by_side(objs)
    for name, sts in by_side.items():
        for other_name, other in by_side.items():
            hit = selects(sts["spec"]["selector"]["matchLabels"],
                          other["spec"]["template"]["metadata"]["labels"])
            assert hit == (name == other_name)


def test_bgpd_container(rendered):
    _, v, objs = rendered
    cm_name = of_kind(objs, "ConfigMap")[0]["metadata"]["name"]
    for sts in of_kind(objs, "StatefulSet"):
        pod = sts["spec"]["template"]["spec"]
        assert pod["terminationGracePeriodSeconds"] == (
            v["drainSeconds"] + v["terminationMarginSeconds"])
        assert pod["terminationGracePeriodSeconds"] > v["drainSeconds"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] == 10179
        (c,) = pod["containers"]
        env = {e["name"]: e["valueFrom"]["fieldRef"]["fieldPath"] for e in c["env"] if "valueFrom" in e}
        assert env == {"POD_IP": "status.podIP", "POD_NAME": "metadata.name",
                       "POD_NAMESPACE": "metadata.namespace", "NODE_NAME": "spec.nodeName"}
        # bgpctl in the image defaults elsewhere; this points it at bgpd's socket.
        values = {e["name"]: e["value"] for e in c["env"] if "value" in e}
        assert values == {"MESHBGP_SOCKET": bgpd_config(objs)[0]["api"]["socket"]}
        ports = {p["name"]: (p["containerPort"], p["protocol"]) for p in c["ports"]}
        assert ports == {"bgp": (179, "TCP"), "http": (9179, "TCP")}
        for probe, path in (("startupProbe", "/readyz"), ("readinessProbe", "/readyz"),
                            ("livenessProbe", "/healthz")):
            assert c[probe]["httpGet"] == {"path": path, "port": "http"}, probe
        sc = c["securityContext"]
        assert sc["runAsNonRoot"] is True and sc["runAsUser"] == 10179
        assert sc["readOnlyRootFilesystem"] is True
        assert sc["allowPrivilegeEscalation"] is False
        assert sc["capabilities"] == {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]}
        assert c["resources"]["requests"] == v["resources"]["requests"]
        assert c["image"].startswith(v["image"]["repository"] + ":")
        assert c["imagePullPolicy"] == v["image"]["pullPolicy"]
        mounts = {m["mountPath"]: m["name"] for m in c["volumeMounts"]}
        volumes = {vol["name"]: vol for vol in pod["volumes"]}
        assert "emptyDir" in volumes[mounts["/run/bgpd"]]
        config_dir = next(p for p, n in mounts.items() if "configMap" in volumes[n])
        assert volumes[mounts[config_dir]]["configMap"]["name"] == cm_name
        assert c["args"] == ["-c", f"{config_dir}/bgpd.yaml"]
        # bgpd drains by itself (drain_seconds: /readyz fails first); a
        # preStop sleep as well would double the drain past the grace period.
        assert "lifecycle" not in c
        assert bgpd_config(objs)[0]["drain_seconds"] == v["drainSeconds"]


def test_soft_anti_affinity_for_small_clusters(renderer):
    objs = renderer.render({"podAntiAffinity": "soft",
                            "sides": [{"name": "lab", "replicas": 3,
                                       "serviceAddress": "10.1.0.1"}]})
    (sts,) = of_kind(objs, "StatefulSet")
    anti = sts["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"]
    assert list(anti) == ["preferredDuringSchedulingIgnoredDuringExecution"]
    (term,) = anti["preferredDuringSchedulingIgnoredDuringExecution"]
    assert term["podAffinityTerm"]["topologyKey"] == "kubernetes.io/hostname"
    # A pinned address without a pool: no MetalLB objects to create.
    assert not [o for o in objs if o["apiVersion"].startswith("metallb.io/")]


# --- Services -------------------------------------------------------------

def test_headless_mesh_service_covers_all_sides(rendered):
    _, v, objs = rendered
    svc = one(objs, "Service", v["meshServiceName"])
    spec = svc["spec"]
    assert spec["clusterIP"] == "None"
    assert spec["publishNotReadyAddresses"] is True
    assert {"name": "bgp", "port": 179, "targetPort": "bgp", "protocol": "TCP"} in spec["ports"]
    for sts in of_kind(objs, "StatefulSet"):
        assert selects(spec["selector"], sts["spec"]["template"]["metadata"]["labels"])


def test_load_balancer_service_per_side(rendered):
    _, v, objs = rendered
    by_side = statefulsets_by_side(objs)
    lbs = [s for s in of_kind(objs, "Service") if s["spec"].get("type") == "LoadBalancer"]
    assert len(lbs) == len(v["sides"])
    pools = {p["metadata"]["name"] for p in of_kind(objs, "IPAddressPool")}
    for side in v["sides"]:
        (svc,) = [s for s in lbs if s["metadata"]["labels"]["meshbgp.io/side"] == side["name"]]
        spec = svc["spec"]
        assert spec["externalTrafficPolicy"] == "Local"
        assert spec["ports"] == [{"name": "bgp", "port": 179, "targetPort": "bgp",
                                  "protocol": "TCP"}]
        for name, sts in by_side.items():
            assert selects(spec["selector"], sts["spec"]["template"]["metadata"]["labels"]) == (
                name == side["name"])
        ann = svc["metadata"].get("annotations", {})
        if side.get("addresses"):
            assert ann["metallb.io/address-pool"] in pools
        elif side.get("addressPool"):
            assert ann["metallb.io/address-pool"] == side["addressPool"]
        if side.get("serviceAddress"):
            assert ann["metallb.io/loadBalancerIPs"] == side["serviceAddress"]
        assert not any(k.startswith("metallb.universe.tf/") for k in ann)


# --- MetalLB --------------------------------------------------------------

def test_metallb_pools_and_advertisement(rendered):
    _, v, objs = rendered
    ns = v["metallb"]["namespace"]
    pools = of_kind(objs, "IPAddressPool")
    for pool in pools:
        assert pool["apiVersion"] == "metallb.io/v1beta1"
        assert pool["metadata"]["namespace"] == ns
        assert pool["spec"]["autoAssign"] is False
    assert sorted(a for p in pools for a in p["spec"]["addresses"]) == sorted(
        a for s in v["sides"] for a in s.get("addresses", []))
    (adv,) = of_kind(objs, "BGPAdvertisement")
    assert adv["apiVersion"] == "metallb.io/v1beta1"
    assert adv["metadata"]["namespace"] == ns
    assert adv["spec"]["communities"] == v["metallb"]["bgpAdvertisement"]["communities"]
    advertised = set(adv["spec"]["ipAddressPools"])
    for svc in of_kind(objs, "Service"):
        pool = svc["metadata"].get("annotations", {}).get("metallb.io/address-pool")
        if pool:
            assert pool in advertised
    peers = of_kind(objs, "BGPPeer")
    if v["metallb"]["bgpPeer"]["enabled"]:
        (peer,) = peers
        p = v["metallb"]["bgpPeer"]
        assert peer["apiVersion"] == "metallb.io/v1beta2"
        assert peer["metadata"]["namespace"] == ns
        assert peer["spec"] == {"myASN": p["myASN"], "peerASN": p["peerASN"],
                                "peerAddress": p["peerAddress"], "ebgpMultiHop": True}


def test_metallb_can_be_left_to_its_owner(renderer):
    objs = renderer.render({"metallb": {"enabled": False}})
    assert not [o for o in objs if o["apiVersion"].startswith("metallb.io/")]
    # The Services still ask for their pools.
    lbs = [s for s in of_kind(objs, "Service") if s["spec"].get("type") == "LoadBalancer"]
    assert all("metallb.io/address-pool" in s["metadata"]["annotations"] for s in lbs)


# --- PDB, ServiceMonitor --------------------------------------------------

def test_pod_disruption_budget_per_side(rendered):
    _, v, objs = rendered
    pdbs = of_kind(objs, "PodDisruptionBudget")
    if not v["podDisruptionBudget"]["enabled"]:
        assert not pdbs
        return
    by_side = statefulsets_by_side(objs)
    for pdb in pdbs:
        assert pdb["spec"]["maxUnavailable"] == v["podDisruptionBudget"]["maxUnavailable"]
        hits = [n for n, s in by_side.items()
                if selects(pdb["spec"]["selector"]["matchLabels"],
                           s["spec"]["template"]["metadata"]["labels"])]
        assert hits == [pdb["metadata"]["labels"]["meshbgp.io/side"]]


def test_service_monitor_scrapes_every_pod(rendered):
    _, v, objs = rendered
    mons = of_kind(objs, "ServiceMonitor")
    if not v["serviceMonitor"]["enabled"]:
        assert not mons
        return
    (mon,) = mons
    for k, val in v["serviceMonitor"]["labels"].items():
        assert mon["metadata"]["labels"][k] == val
    matched = [s for s in of_kind(objs, "Service")
               if selects(mon["spec"]["selector"]["matchLabels"], s["metadata"]["labels"])]
    # Only the headless Service: it lists every pod, ready or not.
    assert [s["metadata"]["name"] for s in matched] == [v["meshServiceName"]]
    (ep,) = mon["spec"]["endpoints"]
    assert ep["path"] == "/metrics"
    assert ep["port"] in {p["name"] for p in matched[0]["spec"]["ports"]}
    assert {"name": "http", "port": 9179, "targetPort": "http", "protocol": "TCP"} in (
        matched[0]["spec"]["ports"])


# --- the bgpd configuration -----------------------------------------------

TOP_KEYS = {"asn", "router_id", "listen", "threads", "hold_time", "api", "log", "groups",
            "neighbors", "drain_seconds"}
GROUP_KEYS = {"name", "type", "families", "mesh", "allow", "peer_as", "route_server",
              "route_reflector", "cluster_id", "multihop", "ttl_security", "password",
              "max_prefixes", "passive", "hold_time"}


def test_config_map_is_native_bgpd_config(rendered):
    name, v, objs = rendered
    cfg, _ = bgpd_config(objs)
    assert set(cfg) <= TOP_KEYS
    assert str(cfg["asn"]) == str(v["asn"])
    assert cfg["router_id"] == "${POD_IP}"
    assert cfg["api"] == {"socket": "/run/bgpd/bgpd.sock", "http": "0.0.0.0:9179"}
    mesh, clients = cfg["groups"]
    for g in (mesh, clients):
        assert set(g) <= GROUP_KEYS, g
        assert g["families"] == v["families"]
    assert mesh["name"] == "MESHRR-CORE" and mesh["type"] == "internal"
    assert mesh["mesh"]["dns"] == v["meshServiceName"]
    assert mesh["mesh"]["port"] == 179
    assert clients["name"] == "MESHRR-CLIENTS"
    assert clients["allow"] == v["clients"]["allow"]
    assert clients["type"] == v["clients"]["type"]
    if v["clients"]["type"] == "external":
        assert clients["peer_as"] == v["clients"]["peerAS"]
        assert clients["route_server"] is v["clients"]["routeServer"]
        assert "route_reflector" not in clients
    else:
        assert clients["route_reflector"] is True
        assert "peer_as" not in clients and "route_server" not in clients


def test_config_change_rolls_the_pods(renderer):
    def checksums(values):
        return {s["spec"]["template"]["metadata"]["annotations"]["checksum/config"]
                for s in of_kind(renderer.render(values), "StatefulSet")}
    a, b = checksums({}), checksums({"clients": {"allow": ["10.9.0.0/16"]}})
    assert len(a) == 1 and len(b) == 1 and a != b


def bgpd_binary():
    build = os.environ.get("MESHBGP_BUILD_DIR")
    if not build:
        return None
    path = Path(build) / "bgpd" / "bgpd"
    return path if os.access(path, os.X_OK) else None


@pytest.mark.skipif(bgpd_binary() is None,
                    reason="no bgpd binary at $MESHBGP_BUILD_DIR/bgpd/bgpd")
def test_bgpd_accepts_rendered_config(rendered, tmp_path):
    name, _, objs = rendered
    _, text = bgpd_config(objs)
    conf = tmp_path / f"{name}.yaml"
    conf.write_text(text)
    env = dict(os.environ, POD_IP="10.42.0.7", POD_NAME="rs-a-0", POD_NAMESPACE=NAMESPACE,
               NODE_NAME="node-1")
    proc = subprocess.run([str(bgpd_binary()), "--check", "-c", str(conf)],
                          capture_output=True, text=True, env=env, timeout=30)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0 and "OK" in out, out


# --- Kubernetes API schemas -----------------------------------------------

def test_objects_match_kubernetes_schemas(rendered, k8s_validator):
    _, _, objs = rendered
    results = k8s_validator.validate(objs)
    invalid = [r for r in results if r["status"] == "invalid"]
    assert not invalid, invalid
    # Only MetalLB's CRDs have no published model; their fields are
    # checked by test_metallb_pools_and_advertisement.
    unknown = {r["kind"] for r in results if r["status"] == "unknown"}
    assert unknown <= {"IPAddressPool", "BGPAdvertisement", "BGPPeer"}, unknown
    checked = {r["kind"] for r in results if r["status"] == "ok"}
    assert {"StatefulSet", "Service", "ConfigMap"} <= checked


def test_schema_validator_rejects_a_broken_object(renderer, k8s_validator):
    """The validator must be able to fail, or the test above proves nothing."""
    objs = renderer.render({})
    sts = copy.deepcopy(of_kind(objs, "StatefulSet")[0])
    sts["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "179"
    svc = copy.deepcopy(one(objs, "Service", "meshrr-core"))
    svc["spec"]["externalTrafficPolicy"] = "Nearby"
    # A misspelt field: the API server would reject or drop it.
    typo = copy.deepcopy(one(objs, "Service", "meshrr-core"))
    typo["spec"]["publishNotReadyAddress"] = typo["spec"].pop("publishNotReadyAddresses")
    results = k8s_validator.validate([sts, svc, typo])
    assert [r["status"] for r in results] == ["invalid"] * 3, results
    assert "containerPort" in results[0]["error"]
    assert "externalTrafficPolicy" in results[1]["error"]
    assert "spec/publishNotReadyAddress is not a field" in results[2]["error"]


# --- invalid values -------------------------------------------------------

INVALID = {
    "asn-not-a-number": ({"asn": "sixty-five"}, "asn"),
    "asn-too-big": ({"asn": 4294967296}, "asn"),
    "unknown-family": ({"families": ["ipv6-flowspec"]}, "families"),
    "side-name-uppercase": ({"sides": [{"name": "Side_A", "replicas": 1,
                                        "addresses": ["10.0.0.1/32"]}]}, "sides"),
    "side-without-replicas": ({"sides": [{"name": "a", "addresses": ["10.0.0.1/32"]}]},
                              "replicas"),
    "no-sides": ({"sides": []}, "sides"),
    "client-type": ({"clients": {"type": "both"}}, "clients.type"),
    "allow-not-a-prefix": ({"clients": {"allow": ["everyone"]}}, "allow"),
    "peer-as-range": ({"clients": {"peerAS": ["65001..65535"]}}, "peerAS"),
    "negative-drain": ({"drainSeconds": -1}, "drainSeconds"),
    "pull-policy": ({"image": {"pullPolicy": "Sometimes"}}, "pullPolicy"),
    "unknown-key": ({"meshServicename": "typo"}, "meshServicename"),
    "anti-affinity": ({"podAntiAffinity": "maybe"}, "podAntiAffinity"),
    # Checks the schema cannot express, made by the templates.
    "duplicate-sides": ({"sides": [{"name": "a", "replicas": 1, "addresses": ["10.0.0.1/32"]},
                                   {"name": "a", "replicas": 1, "addresses": ["10.0.0.2/32"]}]},
                        "used twice"),
    "side-without-address": ({"sides": [{"name": "a", "replicas": 1}]}, "addressPool"),
    "pool-and-addresses": ({"sides": [{"name": "a", "replicas": 1, "addressPool": "p",
                                       "addresses": ["10.0.0.1/32"]}]}, "exclusive"),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_values_are_rejected(renderer, case):
    values, needle = INVALID[case]
    proc = renderer.run(values)
    assert proc.returncode != 0, f"{case} rendered:\n{proc.stdout[:2000]}"
    assert needle in proc.stderr, proc.stderr


# --- the rendered pod against the real daemon -----------------------------

def can_make_netns():
    return os.geteuid() == 0 and shutil.which("ip") is not None


@pytest.mark.skipif(bgpd_binary() is None,
                    reason="no bgpd binary at $MESHBGP_BUILD_DIR/bgpd/bgpd")
@pytest.mark.skipif(not can_make_netns(), reason="needs root and iproute2 for a network namespace")
def test_rendered_pod_probes_answer_and_shutdown_fits_grace(renderer, tmp_path):
    """Runs bgpd on the rendered configuration in its own network namespace
    (the pod's), asks the probe endpoints the StatefulSet names, and checks
    that SIGTERM fails /readyz at once and ends bgpd within
    terminationGracePeriodSeconds (drain + margin)."""
    drain = 2  # short, so the test is; the chart's default is 30
    objs = renderer.render({"drainSeconds": drain})
    _, text = bgpd_config(objs)
    # Only the socket moves: /run/bgpd is the pod's emptyDir. No DNS answers
    # the mesh name in this namespace, so /readyz turns ready when
    # ready_timeout passes (60 s by default; the startup probe allows 120 s).
    conf = tmp_path / "bgpd.yaml"
    conf.write_text(text.replace("/run/bgpd/bgpd.sock", str(tmp_path / "bgpd.sock"))
                    + "ready_timeout: 3s\n")
    sts = of_kind(objs, "StatefulSet")[0]
    (c,) = sts["spec"]["template"]["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    probes = {name: (c[name]["httpGet"]["path"], ports[c[name]["httpGet"]["port"]])
              for name in ("startupProbe", "readinessProbe", "livenessProbe")}
    margin = DEFAULTS["terminationMarginSeconds"]

    ns = f"mbgp-deploy-{os.getpid()}"
    subprocess.run(["ip", "netns", "add", ns], check=True)
    proc = None
    try:
        subprocess.run(["ip", "-n", ns, "link", "set", "lo", "up"], check=True)
        env = dict(os.environ, POD_IP="127.0.0.1", POD_NAME="rs-meshbgp-a-0",
                   POD_NAMESPACE=NAMESPACE, NODE_NAME="node-1")
        log = open(tmp_path / "bgpd.log", "w")
        proc = subprocess.Popen(["ip", "netns", "exec", ns, str(bgpd_binary()), *c["args"][:1],
                                 str(conf)], env=env, stdout=log, stderr=subprocess.STDOUT)
        getter = ("import sys, time, urllib.request\n"
                  "deadline = time.time() + 20\n"
                  "while True:\n"
                  "    try:\n"
                  "        r = urllib.request.urlopen(sys.argv[1], timeout=2)\n"
                  "        print(r.status); break\n"
                  "    except Exception as e:\n"
                  "        if time.time() > deadline: print(e); break\n"
                  "        time.sleep(0.2)\n")
        for name, (path, port) in probes.items():
            out = subprocess.run(["ip", "netns", "exec", ns, "/usr/bin/python3", "-c", getter,
                                  f"http://127.0.0.1:{port}{path}"],
                                 capture_output=True, text=True, timeout=60)
            assert out.stdout.strip() == "200", (name, out.stdout, out.stderr,
                                                 (tmp_path / "bgpd.log").read_text())
        assert proc.poll() is None, (tmp_path / "bgpd.log").read_text()
        grace = sts["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
        assert grace == drain + margin
        started = time.monotonic()
        proc.terminate()
        ready = probes["readinessProbe"]
        out = subprocess.run(["ip", "netns", "exec", ns, "/usr/bin/python3", "-c",
                              "import sys, urllib.request\n"
                              "try: print(urllib.request.urlopen(sys.argv[1], timeout=2).status)\n"
                              "except Exception as e: print(getattr(e, 'code', e))\n",
                              f"http://127.0.0.1:{ready[1]}{ready[0]}"],
                             capture_output=True, text=True, timeout=30)
        assert out.stdout.strip() == "503", ("draining pod still ready", out.stdout, out.stderr)
        proc.wait(timeout=grace + 5)
        assert time.monotonic() - started < grace, "bgpd outlived terminationGracePeriodSeconds"
        assert proc.returncode == 0, (tmp_path / "bgpd.log").read_text()
    finally:
        if proc and proc.poll() is None:
            proc.kill()
            proc.wait()
        subprocess.run(["ip", "netns", "del", ns], check=False)
