"""The looking glass in headless Chromium (Debian's chromium driven by
playwright-core from npm): the summary lists every client, clicking one
leads to its page whose tables hold exactly the routes it announced
(received) and every other client's routes (advertised), the EVPN table
filters by MAC, no script runs and nothing is fetched from elsewhere. A
screenshot of the neighbor page goes to $MESHBGP_SCREENSHOT_DIR (default:
the lab's temp dir); docs/looking-glass.png was made that way."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lab.observe_lab import BASE_URL, EVPN_ROUTES
from lab.route_server import rs_kind

pytestmark = pytest.mark.skipif(rs_kind() != "meshbgp", reason="the looking glass is meshbgp's own")

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "meshbgp"
PLAYWRIGHT = "playwright-core@1.65.1"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def playwright_modules():
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm or not os.access(CHROMIUM, os.X_OK):
        pytest.skip("node, npm and chromium are needed (scripts/setup --test)")
    prefix = CACHE / "playwright"
    modules = prefix / "node_modules"
    name, version = PLAYWRIGHT.rsplit("@", 1)
    manifest = modules / name / "package.json"

    def installed():
        return manifest.exists() and json.loads(manifest.read_text())["version"] == version
    if not installed():
        prefix.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(prefix),
                               PLAYWRIGHT], capture_output=True, text=True)
        if proc.returncode != 0 or not installed():
            pytest.skip(f"could not install {PLAYWRIGHT} from npm: {proc.stderr.strip()[-500:]}")
    return node, modules


def test_browse_to_a_neighbor_and_its_routes(observe_lab, playwright_modules, tmp_path):
    node, modules = playwright_modules
    lab = observe_lab
    gobgp = lab.peers["gobgp"]
    shots = Path(os.environ.get("MESHBGP_SCREENSHOT_DIR", lab.lab.dir))
    shots.mkdir(parents=True, exist_ok=True)
    screenshot = shots / "looking-glass.png"
    mac = EVPN_ROUTES[0][1]
    proc = lab.rs.node.exec([node, str(HERE / "lg_browse.mjs"), str(modules), BASE_URL, gobgp.ip, mac,
                             str(screenshot), str(tmp_path / "chromium-profile")], check=False, timeout=180)
    assert proc.returncode == 0, f"lg_browse.mjs failed:\n{proc.stderr[-3000:]}"
    seen = json.loads(proc.stdout.strip().splitlines()[-1])

    assert seen["scripts"] == 0 and seen["foreign_requests"] == [], seen
    assert sorted(row[0] for row in seen["sessions"]) == sorted(p.ip for p in lab.live_peers())
    assert seen["neighbor_url"].endswith(f"/lg/neighbor/{gobgp.ip}")

    # Received: exactly what GoBGP announced, from GoBGP, attributes as sent.
    received = {row[0]: row for row in seen["received"]}
    assert sorted(received) == sorted(gobgp.announced)
    for prefix, a in gobgp.announced.items():
        want = gobgp.originated(a).as_received(gobgp.ip, gobgp.asn)
        row = received[prefix]
        assert row[1] == gobgp.ip and row[3] == want["next_hop"], row
        assert row[4] == " ".join(str(x) for x in want["as_path"]), row
        assert sorted(row[8].split()) == sorted(want["communities"]), row
    # Advertised: every other client's prefixes.
    others = sorted(pfx for p in lab.live_peers() if p is not gobgp for pfx in p.announced)
    assert sorted(row[0] for row in seen["advertised"]) == others

    assert len(seen["evpn_all"]) == len(EVPN_ROUTES)
    assert [row[5] for row in seen["evpn_filtered"]] == [mac], seen["evpn_filtered"]
    assert screenshot.stat().st_size > 10_000
