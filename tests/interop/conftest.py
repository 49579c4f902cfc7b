"""Fixtures of the interop suite: labs of network namespaces in which the
route server under test (RS=meshbgp, the default, or RS=bird) serves real
FRR, BIRD, GoBGP, OpenBGPD and ExaBGP clients.

Labs are expensive (GoBGP waits 5-10 s before its first connect), so one
relay lab serves the whole session; labs with a different RS config are
module-scoped. A failing test gets the tail of every daemon's log in its
report, and a lab that does not come up fails with all of them
(LabStartError). MESHBGP_INTEROP_KEEP=1 keeps the labs' temp dirs (configs,
logs) after the run."""

from __future__ import annotations

import os
import shutil

import pytest

from lab import netns, topologies
from lab.route_server import meshbgp_bgpd, rs_kind
from lab.sanitizer_reports import WATCH
from lab.scenario import RsLab

REQUIRED_TOOLS = ["/usr/lib/frr/bgpd", "/usr/bin/vtysh", "/usr/sbin/bird", "/usr/sbin/birdc", "/usr/bin/gobgpd",
                  "/usr/bin/gobgp", "/usr/sbin/bgpd", "/usr/sbin/bgpctl", "/usr/sbin/exabgp", "/usr/sbin/ip"]
KEEP = os.environ.get("MESHBGP_INTEROP_KEEP", "") not in ("", "0")


def pytest_report_header(config):
    kind = rs_kind()
    where = meshbgp_bgpd() if kind == "meshbgp" else shutil.which("bird")
    return f"interop: RS={kind} ({where})"


def pytest_collection_modifyitems(config, items):
    reason = None
    if os.geteuid() != 0:
        reason = "interop tests need root (network namespaces)"
    else:
        missing = [t for t in REQUIRED_TOOLS if not os.access(t, os.X_OK)]
        if missing:
            reason = f"peer daemons missing: {missing} (install frr bird2 gobgpd exabgp openbgpd)"
    if reason:
        for item in items:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def relay_lab():
    """RS (route_server: true) with FRR (static neighbor), GoBGP, BIRD,
    OpenBGPD, ExaBGP (dynamic) and a GoBGP "victim" for the session-loss test."""
    lab = topologies.relay_lab(route_server=True, keep_dir=KEEP).start()
    yield lab
    lab.close()


@pytest.fixture(scope="module")
def rs_false_lab():
    lab = topologies.relay_lab(route_server=False, with_victim=False, keep_dir=KEEP).start()
    yield lab
    lab.close()


@pytest.fixture(scope="module")
def rejects_lab():
    lab = topologies.rejects_lab(keep_dir=KEEP).start()
    yield lab
    lab.close()


@pytest.fixture(autouse=True)
def no_sanitizer_report():
    """Fails the test during which a lab daemon (an ASan/UBSan/TSan bgpd under
    scripts/test-sanitizers) printed a sanitizer report, even if the daemon
    went on and the test's own checks passed. Reports at a lab's close
    (LeakSanitizer's, at exit) fail that lab's fixture teardown
    (netns.Lab.close)."""
    yield
    WATCH.check([p for lab in netns.OPEN_LABS for p in lab.processes()], "during this test")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.when != "call" or not rep.failed:
        return
    for name, value in getattr(item, "funcargs", {}).items():
        if isinstance(value, RsLab):
            rep.sections.append((f"daemon logs of {name} ({value.lab.dir})", value.log_report(30)))


@pytest.fixture(scope="session")
def observe_lab():
    """For /metrics, the looking glass, the birdwatcher API and MRT dumps: an
    RS with api.http on its lab address (families ipv4 and evpn), FRR and
    GoBGP announcing IPv4 routes, and GoBGP "a" announcing EVPN routes
    (lab/observe_lab.py)."""
    from lab.observe_lab import observe_lab as make
    lab = make(keep_dir=KEEP)
    yield lab
    lab.close()
