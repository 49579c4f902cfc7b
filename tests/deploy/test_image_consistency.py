"""The image, the chart and the example agree on what they share: the
non-root UID, the paths the entrypoint looks at, and the socket directory.
Read from the files themselves (deploy/Containerfile,
deploy/image/collect-rootfs, deploy/entrypoint/entrypoint_command.h), so
that changing one side alone fails here rather than in a cluster.
The image itself is run by tests/interop/test_container_image.py."""
import re
from pathlib import Path

from test_chart import of_kind
from test_examples import EXAMPLE, FILES, load

REPO = Path(__file__).resolve().parents[2]


def image_uid():
    user = re.search(r"^USER (\d+):(\d+)$", (REPO / "deploy" / "Containerfile").read_text(), re.M)
    assert user and user.group(1) == user.group(2), "Containerfile USER uid:gid"
    collected = re.search(r"^uid=(\d+)", (REPO / "deploy" / "image" / "collect-rootfs").read_text(), re.M)
    assert collected and collected.group(1) == user.group(1), "collect-rootfs owns /run/bgpd for another uid"
    return int(user.group(1))


def entrypoint_paths():
    header = (REPO / "deploy" / "entrypoint" / "entrypoint_command.h").read_text()
    return {name: path for name, path in re.findall(r'k(\w+Config)\[\] = "([^"]+)"', header)}


def test_chart_pods_run_as_the_image_user_with_its_config_path(renderer):
    uid, paths = image_uid(), entrypoint_paths()
    for sts in of_kind(renderer.render({}), "StatefulSet"):
        pod = sts["spec"]["template"]["spec"]
        (c,) = pod["containers"]
        assert pod["securityContext"]["runAsUser"] == uid
        assert c["securityContext"]["runAsUser"] == uid
        assert c["args"] == ["-c", paths["NativeConfig"]]
        assert "/run/bgpd" in {m["mountPath"] for m in c["volumeMounts"]}


def test_example_mounts_meshrr_conf_where_the_entrypoint_looks():
    uid, paths = image_uid(), entrypoint_paths()
    objs = [o for name in FILES for o in load(name)]
    for sts in of_kind(objs, "StatefulSet"):
        pod = sts["spec"]["template"]["spec"]
        (c,) = pod["containers"]
        assert pod["securityContext"]["runAsUser"] == uid
        mounts = {m["mountPath"] for m in c["volumeMounts"]}
        assert paths["MeshrrConfig"] in mounts and "/run/bgpd" in mounts
    assert EXAMPLE.is_dir()


def test_image_socket_directory_is_the_pods_writable_mount():
    text = (REPO / "deploy" / "Containerfile").read_text()
    assert re.search(r"^ENV .*XDG_RUNTIME_DIR=/run/bgpd\b", text, re.M)
